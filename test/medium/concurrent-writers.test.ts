import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDatabase, type VigilDatabase } from '../../src/storage/database.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { fakeMediaRange } from '../support/fake-media.js';
import { seeded } from '../support/seeded.js';
import { describeEachDialect } from './dialect-harness.js';

const WRITERS = 4;
const PER_WRITER = 2_000;
/** Writer w inserts media [w * STEP, w * STEP + PER_WRITER) in its own random order: heavy overlap. */
const STEP = 500;

function shuffled<T>(items: T[], seed: number): T[] {
  const random = seeded(seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

describeEachDialect('concurrent writers', (suite) => {
  test(`${WRITERS} writers with overlapping media: no duplicates, no errors, one id per media`, async () => {
    // PostgreSQL: each writer its own pool (its own connection). SQLite: one connection per
    // process is the embedded design (better-sqlite3 is synchronous), so the writers share it and
    // Kysely's connection mutex serialises their transactions.
    const handles: VigilDatabase[] =
      suite.dialect === 'postgres'
        ? await Promise.all(
            Array.from({ length: WRITERS }, () =>
              createDatabase(
                suite.target.config.dialect === 'postgres'
                  ? { ...suite.target.config, poolSize: 1 }
                  : suite.target.config,
              ),
            ),
          )
        : Array.from({ length: WRITERS }, () => suite.database);
    try {
      const runs = await Promise.all(
        handles.map((h, w) => {
          const items = shuffled(fakeMediaRange(w * STEP, PER_WRITER, 'concurrent'), w + 1);
          return new MediaRepository(h.db, h.dialect).insertMany(items, { batchSize: 500 });
        }),
      );
      const distinct = (WRITERS - 1) * STEP + PER_WRITER;
      const idBySha = new Map<string, number>();
      let inserted = 0;
      for (const results of runs) {
        assert.equal(results.length, PER_WRITER);
        for (const r of results) {
          const seen = idBySha.get(r.sha256);
          if (seen !== undefined) assert.equal(r.mediaId, seen, 'two ids for one media');
          idBySha.set(r.sha256, r.mediaId);
          if (r.status === 'inserted') inserted++;
        }
      }
      assert.equal(idBySha.size, distinct);
      assert.equal(inserted, distinct, 'each media reported inserted by exactly one writer');

      const db = suite.database.db;
      const media = await db
        .selectFrom('media')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const signals = await db
        .selectFrom('signals')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(media.n, distinct);
      assert.equal(signals.n, distinct * 3);
    } finally {
      if (suite.dialect === 'postgres') await Promise.all(handles.map((h) => h.destroy()));
    }
  });
});
