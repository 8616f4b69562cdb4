/**
 * The deferred lookup-index build (SQLite only): its sort spills next to the database rather than
 * into /var/tmp or /tmp (often a small tmpfs), and running out of space during it says where and
 * what to do, keeps nothing of the deferred part and leaves the indexes as they were.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { watch } from 'node:fs';
import { dirname } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Transaction } from 'kysely';
import { AppError } from '../../src/domain/app-error.js';
import { createDatabase, type VigilDatabase } from '../../src/storage/database.js';
import { withEntryIndexesDeferred } from '../../src/storage/entry-deferred-indexes.js';
import { HashSetRepository } from '../../src/storage/hash-set.repository.js';
import type { VigilSchema } from '../../src/storage/schema.js';
import { createScratchTarget, type ScratchTarget } from '../support/scratch-database.js';
import { makeWorld } from './records-fixtures.js';

const md5 = (i: number) => createHash('md5').update(`deferred-${i}`).digest('hex');

describe('deferred entry indexes [sqlite]', () => {
  let target: ScratchTarget;
  let database: VigilDatabase;
  let set: { id: number; agencyId: number };
  let next = 0;
  const tmpdirBefore = process.env.SQLITE_TMPDIR;

  before(async () => {
    // SQLITE_TMPDIR, when set, is where the sort goes: these tests are about it unset.
    delete process.env.SQLITE_TMPDIR;
    target = await createScratchTarget('sqlite');
    database = await createDatabase(target.config);
    const w = await makeWorld(database, 'deferred-space');
    const created = await new HashSetRepository(database.db).create({ agencyId: w.a.id, name: 'List', source: 'test' });
    set = { id: created.id, agencyId: w.a.id };
  });
  after(async () => {
    if (tmpdirBefore !== undefined) process.env.SQLITE_TMPDIR = tmpdirBefore;
    await database?.destroy();
    await target?.cleanup();
  });

  async function addEntries(trx: Transaction<VigilSchema>, n: number): Promise<void> {
    for (let done = 0; done < n; done += 500) {
      const rows = Array.from({ length: Math.min(500, n - done) }, () => ({
        hash_set_id: set.id,
        agency_id: set.agencyId,
        md5: md5(next++),
      }));
      await trx.insertInto('hash_set_entries').values(rows).execute();
    }
  }
  const count = async () =>
    Number(
      (
        await database.db
          .selectFrom('hash_set_entries')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const indexes = async () =>
    (
      await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
        where type = 'index' and tbl_name = 'hash_set_entries' order by name`.execute(database.db)
    ).rows;
  const tempDirectory = async () =>
    (await sql<{ temp_store_directory: string }>`pragma temp_store_directory`.execute(database.db)).rows;

  test('the index build sorts in temporary files next to the database, and the setting is put back', async () => {
    const dataDir = dirname(target.where);
    const seen: string[] = [];
    const watcher = watch(dataDir, (_event, name) => {
      if (name) seen.push(name);
    });
    // A small sort memory makes even this build spill to files.
    await sql`pragma cache_size = -64`.execute(database.db);
    const settingBefore = await tempDirectory();
    try {
      await withEntryIndexesDeferred(database.db, (trx) => addEntries(trx, 30_000));
      await sleep(100);
    } finally {
      watcher.close();
      await sql`pragma cache_size = -65536`.execute(database.db);
    }
    assert.ok(
      seen.some((name) => name.startsWith('etilqs_')),
      `SQLite's temporary files in ${dataDir}: ${[...new Set(seen)].join(', ')}`,
    );
    assert.deepEqual(await tempDirectory(), settingBefore);
    assert.equal(await count(), 30_000);
  });

  test('out of space during the build: says where and what to do; nothing kept, indexes as before', async () => {
    const before = { count: await count(), indexes: await indexes() };
    const failed = await withEntryIndexesDeferred(database.db, async (trx) => {
      await addEntries(trx, 20_000);
      // The database may grow no further: the indexes built again need pages.
      const pages = await sql<{ page_count: number }>`pragma page_count`.execute(trx);
      await sql.raw(`pragma max_page_count = ${pages.rows[0]?.page_count ?? 0}`).execute(trx);
    })
      .then(
        () => assert.fail('the build had room'),
        (err: unknown) => err,
      )
      .finally(() => sql`pragma max_page_count = 4294967294`.execute(database.db));
    assert.ok(AppError.is(failed), String(failed));
    const dataDir = dirname(target.where);
    assert.ok(
      failed.message.startsWith(
        `Building the hash lookup indexes again failed (SQLITE_FULL): the disk is full or not writable in ${dataDir}, where SQLite sorts them and the database grows. Free space there, set SQLITE_TMPDIR to a directory with room for the sort, or import with --keep-indexes.`,
      ),
      failed.message,
    );
    assert.deepEqual({ count: await count(), indexes: await indexes() }, before);
    assert.deepEqual(await tempDirectory(), []);
  });
});
