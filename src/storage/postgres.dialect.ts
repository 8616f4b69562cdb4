/**
 * The server database: PostgreSQL through a pg pool. 64-bit integers (ids, times, counts) come
 * back as numbers, like SQLite's, and an unreachable server is a clear `missing-dependency` error.
 */
import { PostgresDialect } from 'kysely';
import pg from 'pg';
import { AppError } from '../domain/app-error.js';
import { describePostgresUrl } from './database.config.js';
import { withAbortCauses } from './postgres-abort-cause.js';
import { withNamedStatements } from './postgres-named-statements.js';

const INT8_OID = 20;
const INT8_ARRAY_OID = 1016;

export const PG_START_HINT =
  'Start it (Debian: pg_ctlcluster --skip-systemctl-redirect 15 main start) or point DATABASE_URL at a running server.';

function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n))
    throw new AppError('internal', `A 64-bit integer from PostgreSQL exceeds 2^53: ${text}.`);
  return n;
}

const baseParser = pg.types.getTypeParser as (oid: number, format?: string) => (text: string) => unknown;

/** Per-pool type parsers: the process-wide pg.types stay untouched. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (format !== 'binary' && oid === INT8_OID) return parseInt8;
    if (format !== 'binary' && oid === INT8_ARRAY_OID) {
      const parseArray = baseParser(INT8_ARRAY_OID, 'text') as (text: string) => (string | null)[];
      return (text: string) => parseArray(text).map((v) => (v === null ? null : parseInt8(v)));
    }
    return baseParser(oid, format);
  },
} as pg.CustomTypesConfig;

function unreachable(url: string, err: unknown): AppError {
  const e = err as { code?: string; message?: string };
  const where = describePostgresUrl(url);
  if (e.code === '3D000') {
    return new AppError('missing-dependency', `PostgreSQL at ${where}: the database does not exist. Create it first.`, {
      cause: err,
    });
  }
  if (e.code === '28P01' || e.code === '28000') {
    return new AppError('missing-dependency', `PostgreSQL at ${where} refused the login: ${e.message}.`, {
      cause: err,
    });
  }
  const reason = e.code ?? e.message ?? String(err);
  return new AppError('missing-dependency', `PostgreSQL at ${where} is not reachable (${reason}). ${PG_START_HINT}`, {
    cause: err,
  });
}

export interface PostgresConnection {
  dialect: PostgresDialect;
  pool: pg.Pool;
}

/** Opens a pool and checks the server answers, so start-up fails early and says why. */
export async function openPostgres(url: string, poolSize = 10, namedStatements = true): Promise<PostgresConnection> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000, types });
  // An idle connection dropped by the server: the pool discards it and opens a new one on demand.
  pool.on('error', () => {});
  try {
    await pool.query('select 1');
  } catch (err) {
    await pool.end().catch(() => {});
    throw unreachable(url, err);
  }
  return {
    dialect: new PostgresDialect({ pool: withAbortCauses(namedStatements ? withNamedStatements(pool) : pool) }),
    pool,
  };
}
