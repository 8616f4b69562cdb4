/**
 * SQLite bulk load of hash-set entries with the lookup indexes deferred. Each entry lands in
 * four indexes on random hex keys; past a few hundred thousand entries those inserts touch a page
 * per entry and index, and the import runs at a third of the table's own speed (measured, 1M
 * entries: 27k entries/s with the indexes, 110k without and 3–5 s to build them again by sorting).
 * So a large import can drop the MD5, SHA-1 and PDQ lookup indexes inside its one transaction and
 * build them again from their stored definitions before it commits: other connections keep
 * reading with the indexes (WAL snapshot) and wait to write; a failure or a kill rolls all of it
 * back, indexes included. The unique indexes stay: they keep an entry once per set.
 *
 * The build sorts in temporary files, which SQLite puts in SQLITE_TMPDIR, else /var/tmp or /tmp:
 * often a small tmpfs, where a large import failed only at its very end. Unless SQLITE_TMPDIR is
 * set, they go next to the database instead (`pragma temp_store_directory`, for the build only),
 * and running out of space there says where and what to do.
 */
import { dirname } from 'node:path';
import { type Kysely, sql, type Transaction } from 'kysely';
import { AppError } from '../domain/app-error.js';
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
  let sortDir: SortPlace | undefined;
  try {
    sortDir = await sortNextToDatabase(db);
    const where = sortDir.where;
    const result = await db.transaction().execute(async (trx) => {
      for (const index of stored.rows) await sql`drop index if exists ${sql.id(index.name)}`.execute(trx);
      const done = await work(trx);
      if (stored.rows.length > 0) onIndexing?.();
      try {
        for (const index of stored.rows) await sql.raw(index.sql).execute(trx);
      } catch (err) {
        throw outOfSpace(err, where) ?? err;
      }
      return done;
    });
    await sql`pragma wal_checkpoint(truncate)`.execute(db);
    return result;
  } finally {
    await sortDir?.restore();
    await sql.raw(`pragma temp_store = ${Number(before.rows[0]?.temp_store ?? 0)}`).execute(db);
  }
}

interface SortPlace {
  /** Where the build needs space, for an error message. */
  where: string;
  restore(): Promise<void>;
}

/** A string literal for a pragma, which takes no parameters. */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Points SQLite's temporary files at the database's directory, which has room for the database
 * anyway, unless SQLITE_TMPDIR says where they go. The setting is the process's (SQLite reads
 * SQLITE_TMPDIR once, when it starts), so it is put back afterwards. Changing it is safe here:
 * SQLite runs on this thread only (no worker opens a database).
 */
async function sortNextToDatabase(db: Kysely<VigilSchema>): Promise<SortPlace> {
  const chosen = process.env.SQLITE_TMPDIR;
  const main = (await sql<{ name: string; file: string }>`pragma database_list`.execute(db)).rows.find(
    (row) => row.name === 'main',
  );
  const dataDir = main?.file ? dirname(main.file) : 'memory';
  if (chosen || !main?.file) {
    const sortDir = chosen ? `${chosen} (SQLITE_TMPDIR)` : 'the temporary directory (/var/tmp or /tmp)';
    return {
      where: `${sortDir}, where SQLite sorts them, or in ${dataDir}, where the database grows`,
      restore: async () => {},
    };
  }
  const previous = await sql<{ temp_store_directory: string }>`pragma temp_store_directory`.execute(db);
  await sql.raw(`pragma temp_store_directory = ${literal(dataDir)}`).execute(db);
  return {
    where: `${dataDir}, where SQLite sorts them and the database grows`,
    restore: async () => {
      const back = previous.rows[0]?.temp_store_directory ?? '';
      await sql.raw(`pragma temp_store_directory = ${literal(back)}`).execute(db);
    },
  };
}

/** The SQLite code of a database error, or of the one an AppError wraps. */
function sqliteCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined)?.code : undefined;
  return typeof cause === 'string' ? cause : '';
}

/** A full or unwritable disk met while building the indexes, said with where and what to do. */
function outOfSpace(err: unknown, where: string): AppError | null {
  const code = sqliteCode(err);
  if (code !== 'SQLITE_FULL' && !code.startsWith('SQLITE_IOERR')) return null;
  return new AppError(
    'internal',
    `Building the hash lookup indexes again failed (${code}): the disk is full or not writable in ${where}. ` +
      'Free space there, set SQLITE_TMPDIR to a directory ' +
      'with room for the sort, or import with --keep-indexes. The entries added since the indexes were ' +
      'deferred were not kept; the same import run again adds them.',
    { cause: err },
  );
}
