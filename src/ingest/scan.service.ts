/**
 * A scan of one exhibit: every file through scanFile, skipping those the exhibit has finished
 * already, so running the same scan again after a kill resumes it. What counts as "known before
 * the scan" is fixed by the exhibit's creation time, so a resumed run sorts files exactly as an
 * uninterrupted one would. Files are processed one at a time here; the worker pool is to come.
 */
import type { Kysely } from 'kysely';
import type { Exhibit } from '../domain/case.record.js';
import type { DialectName } from '../storage/dialect-name.js';
import { ScanFileRepository } from '../storage/scan-file.repository.js';
import type { VigilSchema } from '../storage/schema.js';
import { KnownMaterial } from './known-material.js';
import { type FileOutcome, type ScanInputFile, scanFile } from './scan-file.js';
import type { FileStatus } from './triage.js';

export interface ScanOptions {
  threshold?: number;
  minQuality?: number;
  /** Told about each file as it finishes. */
  onFile?(outcome: FileOutcome): void;
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
  const target = {
    db,
    dialect,
    agencyId: exhibit.agencyId,
    exhibitId: exhibit.id,
    startedAt: exhibit.createdAt,
    threshold: options.threshold ?? 31,
    minQuality: options.minQuality ?? 50,
  };
  const summary: ScanSummary = { scanned: 0, skipped: 0, byStatus: {}, stopped: false };
  for await (const file of files) {
    if (options.signal?.aborted) {
      summary.stopped = true;
      break;
    }
    if (done.has(file.logicalPath)) {
      summary.skipped++;
      continue;
    }
    done.add(file.logicalPath);
    const outcome = await scanFile(target, known, file);
    summary.scanned++;
    summary.byStatus[outcome.status] = (summary.byStatus[outcome.status] ?? 0) + 1;
    options.onFile?.(outcome);
  }
  return summary;
}
