/**
 * Empty databases for medium tests and the db bench: SQLite in a fresh temp folder, or a fresh
 * `<prefix>_<random>` database on the real PostgreSQL (default postgres://postgres@127.0.0.1:5432,
 * VIGIL_TEST_PG_URL to change it), created from its maintenance database and dropped by cleanup().
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/storage/database.config.js';
import type { DialectName } from '../../src/storage/dialect-name.js';

export const PG_ADMIN_URL = process.env.VIGIL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** An empty database nobody has opened yet, and how to remove it. */
export interface ScratchTarget {
  config: DatabaseConfig;
  /** Where the SQLite file lives, or the PostgreSQL database's name. */
  where: string;
  cleanup(): Promise<void>;
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (err) {
    const reason = (err as { code?: string }).code ?? String(err);
    throw new Error(
      `PostgreSQL is not reachable at ${PG_ADMIN_URL} (${reason}); Vigil's storage is tested and measured on it too.\n` +
        'Start it: pg_ctlcluster --skip-systemctl-redirect 15 main start   (or set VIGIL_TEST_PG_URL)',
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createScratchTarget(dialect: DialectName, prefix = 'vigil_test'): Promise<ScratchTarget> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `${prefix.replaceAll('_', '-')}-`));
    const file = join(dir, 'data', 'vigil.sqlite');
    return {
      config: { dialect, file },
      where: file,
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a safe database name: ${name}`);
  await withAdmin((c) => c.query(`create database ${name}`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    config: { dialect, url: url.toString(), poolSize: 8 },
    where: name,
    cleanup: async () => {
      await withAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
