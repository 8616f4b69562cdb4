import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { AppError } from '../../src/domain/app-error.js';
import { createDatabase } from '../../src/storage/database.js';
import { describeEachDialect } from './dialect-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-open-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('an unreachable PostgreSQL is a missing dependency that says how to start it', async () => {
  await assert.rejects(
    createDatabase({ dialect: 'postgres', url: 'postgres://vigil:secret@127.0.0.1:1/vigil' }),
    (err: unknown) => {
      assert.ok(AppError.is(err, 'missing-dependency'), String(err));
      assert.equal(err.exitCode, 3);
      assert.match(err.message, /127\.0\.0\.1:1\/vigil is not reachable/);
      assert.match(err.message, /pg_ctlcluster --skip-systemctl-redirect 15 main start/);
      assert.doesNotMatch(err.message, /secret/);
      return true;
    },
  );
});

test('a SQLite file that cannot be created is a clear error', async () => {
  const blocker = join(dir, 'not-a-folder');
  writeFileSync(blocker, 'a file where the data directory should be');
  await assert.rejects(createDatabase({ dialect: 'sqlite', file: join(blocker, 'vigil.sqlite') }), (err: unknown) => {
    assert.ok(AppError.is(err, 'bad-usage'), String(err));
    assert.match(err.message, /Cannot open the SQLite database/);
    return true;
  });
});

test('SQLite opens in WAL mode with foreign keys on, in a new data directory', async () => {
  const database = await createDatabase({ dialect: 'sqlite', file: join(dir, 'data', 'sub', 'vigil.sqlite') });
  try {
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(database.db);
    assert.equal(mode.rows[0].journal_mode, 'wal');
    assert.equal(fk.rows[0].foreign_keys, 1);
  } finally {
    await database.destroy();
  }
});

describeEachDialect('column types', (suite) => {
  test('64-bit integers come back as numbers on both dialects', async () => {
    const { rows } = await sql<{
      big: number;
      count: number;
    }>`select ${sql.lit(2 ** 53 - 1)} as big, count(*) as count from media`.execute(suite.database.db);
    assert.deepEqual(rows[0], { big: 2 ** 53 - 1, count: 0 });
  });
});
