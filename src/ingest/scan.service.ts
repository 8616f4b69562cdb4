/**
 * A scan of one exhibit: every file through scanFile, skipping those the exhibit has finished
 * already, so running the same scan again after a kill resumes it. What counts as "known before
 * the scan" is fixed by the exhibit's creation time, so a resumed run sorts files exactly as an
 * uninterrupted one would. Files are read and decoded several at once (sharp decodes on its own threads) and matched and
 * stored one at a time, in input order, so results do not depend on timing.
 */
import { availableParallelism } from 'node:os';
import type { Kysely } from 'kysely';
import type { Exhibit } from '../domain/case.record.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { DialectName } from '../storage/dialect-name.js';
import { ScanFileRepository } from '../storage/scan-file.repository.js';
import type { VigilSchema } from '../storage/schema.js';
import { KnownMaterial } from './known-material.js';
import { KnownVideos } from './known-videos.js';
import { mapOrdered } from './map-ordered.js';
import { type FileOutcome, finishFile, prepareFile, type ScanInputFile, type ScanTarget } from './scan-file.js';
import type { FileStatus } from './triage.js';

export interface ScanOptions {
  threshold?: number;
  minQuality?: number;
  /** Told about each file as it finishes. */
  onFile?(outcome: FileOutcome): void;
  /** Files read and decoded at once (default: cores + 1); they are stored one at a time, in order. */
  concurrency?: number;
  /** Thumbnails are stored (encrypted) here; none are made without it. */
  thumbnails?: BlobStore;
  /** Stops after the file in progress (the rest is done by a later run). */
  signal?: AbortSignal;
}

export interface ScanSummary {
  scanned: number;
  /** Files finished by an earlier run of this scan and skipped now. */
  skipped: number;
  byStatus: Partial<Record<FileStatus, number>>;
  stopped: boolean;
}

export async function scanExhibit(
  db: Kysely<VigilSchema>,
  dialect: DialectName,
  exhibit: Exhibit,
  files: AsyncIterable<ScanInputFile> | Iterable<ScanInputFile>,
  options: ScanOptions = {},
): Promise<ScanSummary> {
  const scans = new ScanFileRepository(db);
  const done = await scans.donePaths(exhibit.id);
  const known = await KnownMaterial.load(db, exhibit.agencyId, exhibit.createdAt);
  const target: ScanTarget = {
    db,
    dialect,
    agencyId: exhibit.agencyId,
    exhibitId: exhibit.id,
    startedAt: exhibit.createdAt,
    threshold: options.threshold ?? 31,
    minQuality: options.minQuality ?? 50,
    thumbnails: options.thumbnails,
    videos: new KnownVideos(db, exhibit.createdAt),
  };
  const summary: ScanSummary = { scanned: 0, skipped: 0, byStatus: {}, stopped: false };
  async function* todo() {
    for await (const file of files) {
      if (options.signal?.aborted) return;
      if (done.has(file.logicalPath)) {
        summary.skipped++;
        await file.release?.();
        continue;
      }
      done.add(file.logicalPath);
      yield file;
    }
  }
  const concurrency = options.concurrency ?? availableParallelism() + 1;
  for await (const prepared of mapOrdered(todo(), concurrency, (file) => prepareFile(target, file))) {
    if (options.signal?.aborted) break;
    const outcome = await finishFile(target, known, prepared).finally(() => prepared.file.release?.());
    summary.scanned++;
    summary.byStatus[outcome.status] = (summary.byStatus[outcome.status] ?? 0) + 1;
    options.onFile?.(outcome);
  }
  summary.stopped = options.signal?.aborted === true;
  return summary;
}
