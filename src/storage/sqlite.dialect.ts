/**
 * The embedded database: one SQLite file (better-sqlite3) in WAL mode with foreign keys on.
 * synchronous=NORMAL is durable against a process crash and, in WAL mode, keeps the file
 * consistent after a power cut (the last transactions may be lost, never half-applied).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type DialectAdapter, type Driver, SqliteAdapter, type SqliteDatabase, SqliteDialect } from 'kysely';
import { AppError } from '../domain/app-error.js';
import { VigilSqliteDriver } from './sqlite-driver.js';

/** How long a writer waits for another connection's write lock before failing (ms). */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** SQLite runs DDL in transactions; Kysely's adapter says it does not, which would let a failed
 * migration leave half its tables behind. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class VigilSqliteDialect extends SqliteDialect {
  constructor(
    private readonly config: { database: SqliteDatabase },
    private readonly raw: Database.Database,
  ) {
    super(config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }

  /** See sqlite-driver.ts: the error that ended a transaction is the one reported. */
  override createDriver(): Driver {
    return new VigilSqliteDriver(this.config, this.raw);
  }
}

/** Statements kept per connection; texts longer than this are prepared each time. */
const STATEMENT_CACHE_SIZE = 200;
const STATEMENT_CACHE_MAX_SQL = 200_000;

/**
 * Kysely's SQLite driver prepares every query anew; this keeps the prepared statements of
 * repeated texts (lookups, full-size multi-row inserts), least recently used dropped first. Safe
 * because Kysely gives the one connection to one query at a time and better-sqlite3 runs each
 * statement to completion synchronously.
 */
function withStatementCache(db: Database.Database): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => db.close(),
    prepare(sql: string) {
      const hit = cache.get(sql);
      if (hit) {
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const statement = db.prepare(sql);
      if (sql.length <= STATEMENT_CACHE_MAX_SQL) {
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

export function openSqlite(file: string): SqliteDialect {
  let db: Database.Database;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    db = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new AppError('bad-usage', `Cannot open the SQLite database ${file}: ${reason}. Check the data directory.`, {
      cause: err,
    });
  }
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`journal_mode is ${String(mode)}, not wal`);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -65536');
  } catch (err) {
    db.close();
    const reason = err instanceof Error ? err.message : String(err);
    throw new AppError('internal', `Cannot set up the SQLite database ${file}: ${reason}.`, { cause: err });
  }
  return new VigilSqliteDialect({ database: withStatementCache(db) }, db);
}
