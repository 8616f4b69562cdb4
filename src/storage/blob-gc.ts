/**
 * Garbage collection of media blobs. A media is stored blob first, row second (see
 * media-content.service.ts), so a crash between the two leaves a blob that no row names: nothing
 * can reach it (every read goes through a media row), and this removes it once it is older than a
 * grace period long enough for any write in flight to have committed its row.
 */
import type { Kysely } from 'kysely';
import type { BlobStore } from './blob-store.js';
import { chunk, IN_LIST_CHUNK } from './chunks.js';
import type { VigilSchema } from './schema.js';

export interface BlobGcReport {
  /** Blobs old enough to be considered. */
  checked: number;
  /** Orphans removed (their SHA-256s: ids, not content). */
  removed: string[];
  /** Temp files of interrupted writes removed. */
  tempFilesRemoved: number;
}

/**
 * Removes media blobs no media row refers to and older than `graceMs` (default one day). An
 * uploaded file's blob is also kept while a job not done names it (queued, running, or failed and
 * awaiting a person): its media row comes only when the job has run.
 */
export async function collectOrphanMediaBlobs(
  db: Kysely<VigilSchema>,
  blobs: BlobStore,
  options: { graceMs?: number; now?: number } = {},
): Promise<BlobGcReport> {
  const graceMs = options.graceMs ?? 24 * 60 * 60 * 1000;
  const now = options.now ?? Date.now();
  const candidates: string[] = [];
  for await (const blob of blobs.list()) {
    if (now - blob.modifiedAt >= graceMs) candidates.push(blob.sha256);
  }
  const removed: string[] = [];
  for (const part of chunk(candidates, IN_LIST_CHUNK)) {
    const rows = await db.selectFrom('media').select('sha256').where('sha256', 'in', part).execute();
    const waiting = await db
      .selectFrom('jobs')
      .select('blob_sha256 as sha256')
      .where('blob_sha256', 'in', part)
      .where('status', '!=', 'done')
      .execute();
    const referenced = new Set([...rows, ...waiting].map((r) => r.sha256));
    for (const sha256 of part) {
      if (!referenced.has(sha256) && (await blobs.removeIfOlderThan(sha256, now - graceMs))) removed.push(sha256);
    }
  }
  const tempFilesRemoved = await blobs.sweepTemp(graceMs, now);
  return { checked: candidates.length, removed, tempFilesRemoved };
}
