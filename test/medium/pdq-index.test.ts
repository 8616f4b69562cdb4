/**
 * The process's PDQ index (pdq-index.service.ts) against a real database on both dialects:
 * built at start, new rows picked up by refresh without a rebuild, a restart served from the
 * snapshot plus what came after it, a snapshot that does not match the database rebuilt, and on
 * PostgreSQL a row committed under a lower id than one already seen still found.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { matchesOf } from '../../src/matching/bulk-match.js';
import { PdqIndexService } from '../../src/services/pdq-index.service.js';
import type { LiveIndexReport } from '../../src/services/pdq-live-index.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { describeEachDialect } from './dialect-harness.js';

const hex = (text: string) => createHash('sha256').update(text).digest('hex');
let n = 0;

describeEachDialect('PDQ index service', (suite) => {
  let dir = '';
  const reports: LiveIndexReport[] = [];
  const open = () =>
    new PdqIndexService(suite.database, { dir, refreshMs: 3_600_000, onReport: (r) => reports.push(r) });

  async function addMedia(pdq: string): Promise<number> {
    const media = new MediaRepository(suite.database.db, suite.database.dialect);
    const text = `pdq-index-${++n}`;
    const [stored] = await media.insertMany([
      {
        sha256: hex(text),
        md5: createHash('md5').update(text).digest('hex'),
        sha1: createHash('sha1').update(text).digest('hex'),
        size: 1,
        signals: [{ type: 'pdq', value: pdq, quality: 90 }],
      },
    ]);
    return stored.mediaId;
  }

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-pdq-index-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('builds at start and picks up a new PDQ on refresh, without a rebuild', async () => {
    const first = await addMedia(hex('a'));
    const index = open();
    await index.start();
    assert.deepEqual(index.near(hex('a'), 0).media, [{ id: first, distance: 0 }]);
    const second = await addMedia(hex('b'));
    assert.deepEqual(index.near(hex('b'), 0).media, [], 'not there before the refresh');
    reports.length = 0;
    await index.refresh();
    assert.deepEqual(index.near(hex('b'), 0).media, [{ id: second, distance: 0 }]);
    assert.deepEqual(
      reports.map((r) => [r.source, r.how, r.added]),
      [
        ['media', 'incremental', 1],
        ['entries', 'incremental', 0],
      ],
    );
    await index.close();
  });

  it('restarts from its snapshot plus the rows after it', async () => {
    const third = await addMedia(hex('c'));
    reports.length = 0;
    const index = open();
    await index.start();
    const media = reports.find((r) => r.source === 'media');
    assert.equal(media?.how, 'snapshot');
    assert.equal(media?.added, 1, 'only the row after the snapshot is read');
    assert.equal(index.near(hex('c'), 0).media[0]?.id, third);
    assert.equal(index.size.media, 3);
    await index.close();
  });

  it('rebuilds when the snapshot does not match the database', async () => {
    await suite.database.db.deleteFrom('signals').where('value', '=', hex('a')).execute();
    reports.length = 0;
    const index = open();
    await index.start();
    const media = reports.find((r) => r.source === 'media');
    assert.equal(media?.how, 'rebuilt');
    assert.match(media?.reason ?? '', /does not match/);
    assert.deepEqual(index.near(hex('a'), 0).media, []);
    assert.equal(index.size.media, 2);
    await index.close();
  });

  it('answers many needles in order, within the threshold', async () => {
    const index = open();
    await index.start();
    const ids = [await addMedia(hex('d')), await addMedia(hex('e'))];
    await index.refresh();
    const near = hex('d').replace(/^./, (c) => (Number.parseInt(c, 16) ^ 1).toString(16));
    const found = await index.nearMany([hex('e'), hex('nothing'), near], 1);
    const offsets = [...found.media.offsets];
    assert.deepEqual(offsets, [0, 1, 1, 2]);
    assert.deepEqual([...found.media.ids], [ids[1], ids[0]]);
    assert.deepEqual([...found.media.distances], [0, 1]);
    await index.close();
  });

  it('answers many needles through the worker pool as a direct search does', async () => {
    const pooled = new PdqIndexService(suite.database, { dir, refreshMs: 3_600_000, poolMinHashes: 1, threads: 2 });
    await pooled.start();
    const values = [hex('d'), hex('e'), hex('nothing'), hex('d').replace(/^./, 'f')];
    for (const threshold of [0, 31]) {
      const found = await pooled.nearMany(values, threshold, true);
      values.forEach((v, i) => {
        assert.deepEqual(matchesOf(found.media, i), pooled.near(v, threshold).media);
      });
    }
    assert.equal(matchesOf((await pooled.nearMany(values, 0, true)).media, 0).length, 1);
    await pooled.close();
  });

  it('on PostgreSQL, finds a row committed under an id lower than one already seen', async (t) => {
    if (suite.dialect !== 'postgres') {
      t.diagnostic('SQLite has one writer at a time: ids are committed in order, so there is no gap to find');
      return;
    }
    const index = open();
    await index.start();
    const mediaId = await addMedia(hex('f'));
    await index.refresh();
    const top = index.size.media;
    const row = await suite.database.db
      .selectFrom('signals')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirstOrThrow();
    // A later commit of an id below the checkpoint, as a slow concurrent transaction leaves it.
    await suite.database.db
      .insertInto('signals')
      .values({ id: Number(row.m) + 50, media_id: mediaId, type: 'pdq', value: hex('g'), quality: 90 })
      .execute();
    await index.refresh();
    await suite.database.db
      .insertInto('signals')
      .values({ id: Number(row.m) + 10, media_id: mediaId, type: 'pdq', value: hex('h'), quality: 90 })
      .execute();
    await index.refresh();
    assert.equal(index.size.media, top + 2);
    assert.equal(index.near(hex('h'), 0).media[0]?.id, mediaId);
    await index.close();
  });
});
