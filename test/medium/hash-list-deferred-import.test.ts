/**
 * A large `vigil import` with the lookup indexes deferred (SQLite; PostgreSQL ignores the
 * option): same entries, same counts, the indexes back as they were; a failure past the point of
 * deferral rolls that part back, indexes included, and the import run again completes the set.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { AppError } from '../../src/domain/app-error.js';
import { READ_BATCH } from '../../src/formats/read-in-worker.js';
import { DEFER_INDEXES_AFTER, importHashList } from '../../src/services/hash-list-import.service.js';
import { HashSetEntryRepository } from '../../src/storage/hash-set-entry.repository.js';
import { describeEachDialect } from './dialect-harness.js';
import { makeWorld } from './records-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-deferred-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const md5 = (tag: string, i: number) => createHash('md5').update(`${tag}-${i}`).digest('hex');

/** A CSV list of `n` MD5s, the first `dup` of them twice more at its end, and one malformed line. */
function list(tag: string, n: number, dup = 0): string {
  const lines = ['md5,category'];
  for (let i = 0; i < n; i++) lines.push(`${md5(tag, i)},${i % 5}`);
  lines.push('not-a-hash,1');
  for (let i = 0; i < dup; i++) lines.push(`${md5(tag, i)},1`);
  const path = join(dir, `${tag}.csv`);
  writeFileSync(path, lines.join('\n'));
  return path;
}

describeEachDialect('hash-list import with deferred lookup indexes', (suite) => {
  const indexes = async () =>
    suite.dialect === 'sqlite'
      ? (
          await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
            where type = 'index' and tbl_name = 'hash_set_entries' order by name`.execute(suite.database.db)
        ).rows
      : (
          await sql<{ name: string; sql: string }>`select indexname as name, indexdef as sql from pg_indexes
            where tablename = 'hash_set_entries' order by indexname`.execute(suite.database.db)
        ).rows;

  test('a list past the deferral point: every entry once, lookups by each hash, the indexes as before', async () => {
    const w = await makeWorld(suite.database, 'deferred-a');
    const entries = new HashSetEntryRepository(suite.database.db, suite.dialect);
    const n = Math.max(DEFER_INDEXES_AFTER, await entries.highestId()) + 12_000;
    const before = await indexes();
    let indexing = 0;
    const summary = await importHashList({
      db: suite.database.db,
      dialect: suite.dialect,
      agencyId: w.a.id,
      path: list('a', n, 5),
      format: 'csv',
      hashSetName: 'Large list',
      batchSize: 3_000,
      deferIndexes: true,
      onIndexing: () => indexing++,
    });
    assert.deepEqual([summary.accepted, summary.inserted, summary.duplicates, summary.rejected], [n + 5, n, 5, 1]);
    assert.equal(indexing, suite.dialect === 'sqlite' ? 1 : 0);
    assert.deepEqual(await indexes(), before);
    assert.equal(await entries.count(summary.hashSet.id, w.a.id), n);
    for (const i of [0, DEFER_INDEXES_AFTER - 1, n - 1]) {
      const hits = await entries.findByHash('md5', md5('a', i), w.a.id);
      assert.deepEqual(
        hits.map((h) => h.hashSetName),
        ['Large list'],
        `entry ${i}`,
      );
    }
    if (suite.dialect === 'sqlite') {
      // The write-ahead log, as large as the whole deferred part, is truncated after it.
      assert.equal(statSync(`${suite.target.where}-wal`).size, 0);
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(suite.database.db);
      assert.deepEqual(check.rows, [{ integrity_check: 'ok' }]);
      // The lookup by MD5 uses its index again.
      const plan = await sql<{ detail: string }>`explain query plan
        select id from hash_set_entries where md5 = ${md5('a', 1)}`.execute(suite.database.db);
      assert.match(plan.rows.map((r) => r.detail).join(' '), /hash_set_entries_md5_idx/);
    }
  });

  test('a failure after the deferral point rolls that part back; the import run again completes the set', async () => {
    const w = await makeWorld(suite.database, 'deferred-b');
    const entries = new HashSetEntryRepository(suite.database.db, suite.dialect);
    // The switch comes at the end of a read batch: up to READ_BATCH past the deferral point.
    const from = Math.max(DEFER_INDEXES_AFTER, await entries.highestId()) + READ_BATCH;
    const n = from + 10_000;
    const path = list('b', n);
    const before = await indexes();
    const request = {
      db: suite.database.db,
      dialect: suite.dialect,
      agencyId: w.a.id,
      path,
      format: 'csv',
      hashSetName: 'Interrupted list',
      batchSize: 2_000,
      deferIndexes: true,
    };
    let seen = 0;
    await assert.rejects(
      importHashList({
        ...request,
        onItem: () => {
          if (++seen === from + 5_000) throw new AppError('internal', 'stopped by the test');
        },
      }),
      /stopped by the test/,
    );
    assert.deepEqual(await indexes(), before);
    const set = await suite.database.db
      .selectFrom('hash_sets')
      .select('id')
      .where('name', '=', 'Interrupted list')
      .executeTakeFirstOrThrow();
    const kept = await entries.count(set.id, w.a.id);
    if (suite.dialect === 'sqlite') assert.ok(kept > 0 && kept <= from, `${kept} entries kept`);
    else assert.ok(kept > 0 && kept < from + 5_000, `${kept} entries kept`);
    const again = await importHashList(request);
    assert.deepEqual([again.inserted, again.duplicates, again.rejected], [n - kept, kept, 1]);
    assert.equal(await entries.count(set.id, w.a.id), n);
  });
});
