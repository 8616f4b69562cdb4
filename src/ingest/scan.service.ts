/**
 * A scan of one exhibit: every file through scanFile, skipping those the exhibit has finished
 * already, so running the same scan again after a kill resumes it. What counts as "known before
 * the scan" is fixed by the exhibit's creation time, so a resumed run sorts files exactly as an
 * uninterrupted one would. Files are read several at once and pictures decoded on a pool of worker
 * threads (decode-pool.ts); they are matched and stored one at a time on this thread, in input
 * order, so results do not depend on timing.
 */
import type { Kysely } from 'kysely';
import type { Exhibit } from '../domain/case.record.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { DialectName } from '../storage/dialect-name.js';
import { ScanFileRepository } from '../storage/scan-file.repository.js';
import type { VigilSchema } from '../storage/schema.js';
import { createDecodePool, defaultWorkers } from './decode-pool.js';
import { KnownMaterial } from './known-material.js';
import { KnownVideos } from './known-videos.js';
import { mapOrdered } from './map-ordered.js';
import { createReadPool, defaultReadThreads } from './read-pool.js';
import { type FileOutcome, finishFile, prepareFile, type ScanInputFile, type ScanTarget } from './scan-file.js';
import type { FileStatus } from './triage.js';

export interface ScanOptions {
  threshold?: number;
  minQuality?: number;
  /** Told about each file as it finishes. */
  onFile?(outcome: FileOutcome): void;
  /** Files read and decoded at once (default: twice the workers); they are stored one at a time, in order. */
  concurrency?: number;
  /** Worker threads that decode pictures (default: one per core; 0 decodes on this thread). */
  workers?: number;
  /** Worker threads that read files and compute their digests (default: one per core; 0: this thread). */
  readThreads?: number;
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
  const workers = options.workers ?? defaultWorkers();
  if (workers > 0) target.decoder = createDecodePool(workers);
  const readThreads = options.readThreads ?? defaultReadThreads();
  if (readThreads > 0) target.reader = createReadPool(readThreads);
  try {
    return await scanFiles(target, known, done, files, options, Math.max(1, workers));
  } finally {
    await Promise.all([target.decoder?.close(), target.reader?.close()]);
  }
}

async function scanFiles(
  target: ScanTarget,
  known: KnownMaterial,
  done: Set<string>,
  files: AsyncIterable<ScanInputFile> | Iterable<ScanInputFile>,
  options: ScanOptions,
  workers: number,
): Promise<ScanSummary> {
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
  // Enough files in hand to keep every worker busy while one is matched and stored; no more, so
  // memory stays bounded however large the source.
  const concurrency = options.concurrency ?? workers * 2 + 1;
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
