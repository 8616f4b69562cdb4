/**
 * The bulk path for media with their signals: one transaction per batch, a few set-wise inserts
 * within it (media-bulk-sql.ts), `on conflict do nothing` so that media already there (from an earlier run or a
 * concurrent writer) are reported `existing` rather than failing the batch. Keys are inserted in
 * sorted order, so concurrent writers with overlapping sets take row locks in the same order and
 * cannot deadlock on PostgreSQL.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../domain/app-error.js';
import { chunk } from './chunks.js';
import type { DialectName } from './dialect-name.js';
import { existingMedia, mediaInserts, type SignalRow, signalInserts } from './media-bulk-sql.js';
import type { NewMediaWithSignals, NewSignal } from './media-rows.js';
import type { VigilSchema } from './schema.js';
import { inTransaction } from './transaction.js';

export interface BulkInsertOptions {
  /** Media per transaction (default: DEFAULT_BULK_BATCH of the dialect). */
  batchSize?: number;
}

/** One result per input item, in input order. */
export interface BulkMediaResult {
  sha256: string;
  mediaId: number;
  /** `existing`: the media was already stored (its new signals were still added). */
  status: 'inserted' | 'existing';
}

/**
 * Media per transaction. Hash keys are random, so each batch dirties leaf pages all over four
 * indexes; SQLite writes every dirty page to its WAL at commit (and again at the checkpoint), so
 * fewer, larger transactions write far fewer pages per row (at 1M rows, 20,000 per transaction
 * inserts about twice as fast as 5,000). PostgreSQL logs row changes, not pages: smaller batches
 * hold row locks for less time there.
 */
export const DEFAULT_BULK_BATCH: Record<DialectName, number> = { sqlite: 20_000, postgres: 5_000 };

/** Items merged by sha256 (signals of repeats added to the first), sorted by sha256. */
function mergeBySha256(items: readonly NewMediaWithSignals[]): NewMediaWithSignals[] {
  const bySha = new Map<string, NewMediaWithSignals>();
  for (const item of items) {
    const seen = bySha.get(item.sha256);
    if (!seen) bySha.set(item.sha256, item);
    else if (item.signals?.length)
      bySha.set(item.sha256, { ...seen, signals: [...(seen.signals ?? []), ...item.signals] });
  }
  return [...bySha.values()].sort((a, b) => (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0));
}

function uniqueSignals(signals: readonly NewSignal[]): NewSignal[] {
  const seen = new Map<string, NewSignal>();
  for (const s of signals) {
    const key = `${s.type}\u0000${s.value}`;
    if (!seen.has(key)) seen.set(key, s);
  }
  return [...seen.values()];
}

async function insertBatch(
  trx: Kysely<VigilSchema>,
  dialect: DialectName,
  items: NewMediaWithSignals[],
  createdAt: number,
): Promise<Map<string, { id: number; inserted: boolean }>> {
  const ids = new Map<string, { id: number; inserted: boolean }>();
  for (const query of mediaInserts(dialect, items, createdAt)) {
    const { rows } = await trx.executeQuery(query);
    for (const r of rows) ids.set(r.sha256, { id: Number(r.id), inserted: true });
  }
  const missing = items.filter((m) => !ids.has(m.sha256)).map((m) => m.sha256);
  for (const query of existingMedia(dialect, missing)) {
    const { rows } = await trx.executeQuery(query);
    for (const r of rows) ids.set(r.sha256, { id: Number(r.id), inserted: false });
  }
  const signalRows: SignalRow[] = [];
  for (const m of items) {
    const mediaId = ids.get(m.sha256)?.id;
    if (mediaId === undefined || !m.signals?.length) continue;
    for (const s of uniqueSignals(m.signals)) {
      signalRows.push({ mediaId, type: s.type, value: s.value, quality: s.quality ?? null });
    }
  }
  for (const query of signalInserts(dialect, signalRows)) await trx.executeQuery(query);
  return ids;
}

export async function bulkInsertMedia(
  db: Kysely<VigilSchema>,
  dialect: DialectName,
  items: readonly NewMediaWithSignals[],
  createdAt: number,
  options: BulkInsertOptions = {},
): Promise<BulkMediaResult[]> {
  const ids = new Map<string, { id: number; inserted: boolean }>();
  for (const batch of chunk(mergeBySha256(items), options.batchSize ?? DEFAULT_BULK_BATCH[dialect])) {
    const found = await inTransaction(db, (trx) => insertBatch(trx, dialect, batch, createdAt));
    for (const [sha, v] of found) ids.set(sha, v);
  }
  const reported = new Set<string>();
  return items.map((item) => {
    const found = ids.get(item.sha256);
    // Cannot happen: every key was inserted or found, and media are never deleted.
    if (!found) throw new AppError('internal', `Bulk insert: media ${item.sha256} neither inserted nor found.`);
    const first = found.inserted && !reported.has(item.sha256);
    reported.add(item.sha256);
    return { sha256: item.sha256, mediaId: found.id, status: first ? 'inserted' : 'existing' };
  });
}
