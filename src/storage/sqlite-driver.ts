/**
 * Kysely's SQLite driver with two fixes to what a failure reports.
 *
 * - SQLite rolls a transaction back by itself on some errors (disk full, I/O error, out of
 *   memory, interrupt, `RAISE(ROLLBACK)`, `ON CONFLICT ROLLBACK`). Kysely then runs `rollback`
 *   anyway, which fails with "cannot rollback - no transaction is active", and that error
 *   replaces the real one. So the rollback is skipped when the connection holds no transaction:
 *   there is nothing left to undo, and the caller gets the error that ended it.
 * - Nor does a statement run after that until the transaction is ended (see ReportingConnection).
 * - A full disk (SQLITE_FULL) becomes an AppError that says where to free space.
 */
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type QueryResult,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import { AppError } from '../domain/app-error.js';

/** The AppError for a full disk while writing the database `file` (its directory also holds the WAL). */
export function databaseFullError(err: unknown, file: string): AppError {
  const where = file === '' || file === ':memory:' ? 'memory' : dirname(file);
  return new AppError(
    'internal',
    `The database disk is full (SQLITE_FULL): free space in ${where}, where the database and its write-ahead log are, and try again. The change that needed the space was not saved.`,
    { cause: err },
  );
}

function isFull(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'SQLITE_FULL';
}

type TransactionState = 'none' | 'open' | 'ended';

/**
 * The one connection, with a full disk reported as `databaseFullError`, and no statement run
 * after SQLite ended the open transaction by itself: it would run on its own and commit, half a
 * change. It fails instead, naming the error that ended the transaction (a caller may have caught
 * that one and gone on), and so does the commit.
 */
class ReportingConnection implements DatabaseConnection {
  transaction: TransactionState = 'none';
  private endedBy: unknown;

  constructor(
    private readonly inner: DatabaseConnection,
    private readonly raw: Database.Database,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    this.refuseIfEnded();
    try {
      return await this.inner.executeQuery<R>(query);
    } catch (err) {
      throw this.report(err);
    }
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    this.refuseIfEnded();
    try {
      yield* this.inner.streamQuery<R>(query, chunkSize);
    } catch (err) {
      throw this.report(err);
    }
  }

  private report(err: unknown): unknown {
    const reported = isFull(err) ? databaseFullError(err, this.raw.name) : err;
    if (this.transaction === 'open' && !this.raw.inTransaction) {
      this.transaction = 'ended';
      this.endedBy = reported;
    }
    return reported;
  }

  private refuseIfEnded(): void {
    if (this.transaction !== 'ended') return;
    const reason = this.endedBy instanceof Error ? this.endedBy.message : String(this.endedBy);
    throw new AppError(
      'internal',
      `SQLite had already rolled this transaction back after an earlier error, so none of it was saved: ${reason}`,
      { cause: this.endedBy },
    );
  }
}

export class VigilSqliteDriver extends SqliteDriver {
  #connection: ReportingConnection | undefined;

  constructor(
    config: SqliteDialectConfig,
    private readonly raw: Database.Database,
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await super.acquireConnection();
    this.#connection ??= new ReportingConnection(inner, this.raw);
    return this.#connection;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await super.beginTransaction(connection);
    (connection as ReportingConnection).transaction = 'open';
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await super.commitTransaction(connection);
    (connection as ReportingConnection).transaction = 'none';
  }

  /** Skipped when SQLite has already rolled back: "no transaction is active" would hide why. */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as ReportingConnection).transaction = 'none';
    if (!this.raw.inTransaction) return;
    await super.rollbackTransaction(connection);
  }
}
