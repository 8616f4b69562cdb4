/**
 * Which database to open: the embedded SQLite file under the data directory (the default), or
 * PostgreSQL when `DATABASE_URL` is set. Parsed here, at the edge, with errors that say how to fix it.
 */
import { join } from 'node:path';
import { AppError } from '../domain/app-error.js';

export type DatabaseConfig =
  | { dialect: 'sqlite'; file: string }
  | {
      dialect: 'postgres';
      url: string;
      /** Connections in the pool (default 10). */
      poolSize?: number;
      /** Named prepared statements for repeated lookups (default true; see postgres-named-statements.ts). */
      namedStatements?: boolean;
    };

export const SQLITE_FILE_NAME = 'vigil.sqlite';

/** Checks a PostgreSQL connection URL; the error never repeats a password. */
export function parsePostgresUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('bad-usage', 'DATABASE_URL is not a URL; expected postgres://user@host:5432/database.');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new AppError(
      'bad-usage',
      `DATABASE_URL must start with postgres:// (got "${url.protocol}//"); expected postgres://user@host:5432/database.`,
    );
  }
  if (url.hostname === '' && !url.searchParams.has('host')) {
    throw new AppError('bad-usage', 'DATABASE_URL names no host; expected postgres://user@host:5432/database.');
  }
  return url.toString();
}

/** `DATABASE_URL` set: PostgreSQL; otherwise SQLite at `<dataDir>/vigil.sqlite`. */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv, dataDir: string): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) return { dialect: 'postgres', url: parsePostgresUrl(url) };
  return { dialect: 'sqlite', file: join(dataDir, SQLITE_FILE_NAME) };
}

/** The PostgreSQL server and database a URL points at, without user or password: for messages. */
export function describePostgresUrl(raw: string): string {
  try {
    const url = new URL(raw);
    const host = url.hostname || url.searchParams.get('host') || 'localhost';
    return `${host}:${url.port || '5432'}${url.pathname || '/'}`;
  } catch {
    return '(unparseable URL)';
  }
}
