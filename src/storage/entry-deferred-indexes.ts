/**
 * SQLite bulk load of hash-set entries with the lookup indexes deferred. Each entry lands in
 * four indexes on random hex keys; past a few hundred thousand entries those inserts touch a page
 * per entry and index, and the import runs at a third of the table's own speed (measured, 1M
 * entries: 27k entries/s with the indexes, 110k without and 3–5 s to build them again by sorting).
 * So a large import can drop the MD5, SHA-1 and PDQ lookup indexes inside its one transaction and
 * build them again from their stored definitions before it commits: other connections keep
 * reading with the indexes (WAL snapshot) and wait to write; a failure or a kill rolls all of it
 * back, indexes included. The unique indexes stay: they keep an entry once per set.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { VigilSchema } from './schema.js';

/** The indexes dropped during the load: lookups only, none that an insert needs. */
export const DEFERRED_ENTRY_INDEXES = [
  'hash_set_entries_md5_idx',
  'hash_set_entries_sha1_idx',
  'hash_set_entries_pdq_idx',
];

interface StoredIndex {
  name: string;
  sql: string;
}

/**
 * Runs `work` in one transaction with the deferred indexes dropped, then builds them again.
 * The build sorts in temporary files (not memory), so memory stays flat however large the table;
 * afterwards the write-ahead log, as large as all that was added, is truncated where no reader
 * holds it.
 */
export async function withEntryIndexesDeferred<T>(
  db: Kysely<VigilSchema>,
  work: (trx: Transaction<VigilSchema>) => Promise<T>,
  onIndexing?: () => void,
): Promise<T> {
  // Read before the transaction, so that its first statement writes: it then waits for another
  // writer (busy timeout) instead of failing on a stale read snapshot.
  const stored = await sql<StoredIndex>`select name, sql from sqlite_master
    where type = 'index' and tbl_name = 'hash_set_entries' and name in (${sql.join(DEFERRED_ENTRY_INDEXES)})`.execute(
    db,
  );
  // temp_store cannot change inside a transaction; this connection is the caller's alone.
  const before = await sql<{ temp_store: number }>`pragma temp_store`.execute(db);
  await sql`pragma temp_store = file`.execute(db);
  try {
    const result = await db.transaction().execute(async (trx) => {
      for (const index of stored.rows) await sql`drop index if exists ${sql.id(index.name)}`.execute(trx);
      const done = await work(trx);
      if (stored.rows.length > 0) onIndexing?.();
      for (const index of stored.rows) await sql.raw(index.sql).execute(trx);
      return done;
    });
    await sql`pragma wal_checkpoint(truncate)`.execute(db);
    return result;
  } finally {
    await sql.raw(`pragma temp_store = ${Number(before.rows[0]?.temp_store ?? 0)}`).execute(db);
  }
}
