import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SeriesRepository } from '../../src/storage/series.repository.js';
import { seriesHashesVisibleTo } from '../../src/storage/visibility.js';
import { describeEachDialect } from './dialect-harness.js';
import { isCode, makeWorld } from './records-fixtures.js';

describeEachDialect('series repository', (suite) => {
  const series = () => new SeriesRepository(suite.database.db, () => 1_760_000_000_000);
  const ids = (list: { id: number }[]) => list.map((s) => s.id);

  test('a new series is open and restricted; references are unique within the owner', async () => {
    const w = await makeWorld(suite.database, 'series-new');
    const s = await series().create({ agencyId: w.a.id, reference: 'S-1', title: 'First' });
    assert.deepEqual(s, {
      id: s.id,
      agencyId: w.a.id,
      reference: 'S-1',
      title: 'First',
      status: 'open',
      sharing: 'restricted',
      categoryValueId: null,
      createdAt: 1_760_000_000_000,
      updatedAt: 1_760_000_000_000,
    });
    await assert.rejects(series().create({ agencyId: w.a.id, reference: 'S-1', title: 'Again' }), isCode('conflict'));
    await series().create({ agencyId: w.b.id, reference: 'S-1', title: 'Same reference, other agency' });
    await assert.rejects(series().create({ agencyId: 919_191, reference: 'S-1', title: 'x' }), isCode('not-found'));
  });

  test('restricted series: the owner and named agencies see it, nobody else', async () => {
    const w = await makeWorld(suite.database, 'series-restricted');
    const s = await series().create({ agencyId: w.a.id, reference: 'R', title: 'Restricted', sharedWith: [w.c.id] });
    assert.deepEqual(await series().listShares(s.id), [w.c.id]);
    assert.deepEqual(await series().findVisible(s.id, w.a.id), s);
    assert.deepEqual(await series().findVisible(s.id, w.c.id), s);
    assert.equal(await series().findVisible(s.id, w.b.id), null);
    assert.ok(ids(await series().listVisible(w.c.id)).includes(s.id));
    assert.ok(!ids(await series().listVisible(w.b.id)).includes(s.id));
  });

  test('a series shared with all is visible to every agency; hash-only shows its hashes, not the record', async () => {
    const w = await makeWorld(suite.database, 'series-all');
    const open = await series().create({ agencyId: w.a.id, reference: 'ALL', title: 'Open', sharing: 'all' });
    const hashOnly = await series().create({
      agencyId: w.a.id,
      reference: 'HO',
      title: 'Hashes',
      sharing: 'hash_only',
    });
    assert.deepEqual(await series().findVisible(open.id, w.b.id), open);
    assert.equal(await series().findVisible(hashOnly.id, w.b.id), null);
    const visible = ids(await series().listVisible(w.b.id));
    assert.ok(visible.includes(open.id) && !visible.includes(hashOnly.id));
    const hashesVisible = await suite.database.db
      .selectFrom('series')
      .select('series.id')
      .where('series.agency_id', '=', w.a.id)
      .where(seriesHashesVisibleTo(w.b.id))
      .orderBy('series.id')
      .execute();
    assert.deepEqual(ids(hashesVisible), [open.id, hashOnly.id]);
  });

  test('re-sharing replaces the named agencies; only the owner may re-share or change status', async () => {
    const w = await makeWorld(suite.database, 'series-reshare');
    const s = await series().create({
      agencyId: w.a.id,
      reference: 'X',
      title: 'Moving',
      sharedWith: [w.b.id, w.a.id],
    });
    assert.deepEqual(await series().listShares(s.id), [w.b.id], 'the owner is not listed as a share');
    await series().setSharing(s.id, w.a.id, 'restricted', [w.c.id]);
    assert.equal(await series().findVisible(s.id, w.b.id), null);
    assert.equal((await series().findVisible(s.id, w.c.id))?.id, s.id);
    await assert.rejects(series().setSharing(s.id, w.b.id, 'all', []), isCode('not-found'));
    await assert.rejects(series().setStatus(s.id, w.c.id, 'closed'), isCode('not-found'));
    assert.equal((await series().setStatus(s.id, w.a.id, 'closed')).status, 'closed');
    assert.deepEqual(ids(await series().listOwned(w.a.id)), [s.id]);
  });

  test('sharing with an agency that does not exist is refused and keeps nothing', async () => {
    const w = await makeWorld(suite.database, 'series-fk');
    await assert.rejects(
      series().create({ agencyId: w.a.id, reference: 'FK', title: 'x', sharedWith: [828_282] }),
      isCode('not-found'),
    );
    assert.deepEqual(await series().listOwned(w.a.id), [], 'the series was rolled back with its shares');
    const s = await series().create({ agencyId: w.a.id, reference: 'FK', title: 'x', sharedWith: [w.b.id] });
    await assert.rejects(series().setSharing(s.id, w.a.id, 'restricted', [828_282]), isCode('not-found'));
    assert.deepEqual(await series().listShares(s.id), [w.b.id], 'the old shares survive a failed re-share');
  });

  test('the schema refuses a sharing level it does not know', async () => {
    const w = await makeWorld(suite.database, 'series-check');
    await assert.rejects(
      series().create({ agencyId: w.a.id, reference: 'BAD', title: 'x', sharing: 'everyone' as 'all' }),
      isCode('bad-usage'),
    );
  });
});
