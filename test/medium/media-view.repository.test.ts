/**
 * A media's page as one agency sees it, on both dialects: the media only when the agency holds it
 * or may see a series it is in; only the agency's own sightings (paths) and matches; only the
 * series it may see. The scopes are the policy's (scopeWhere), applied inside each query.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Actor } from '../../src/access/access-record.js';
import { scopeWhere } from '../../src/access/scope-query.js';
import type { Media } from '../../src/domain/media.record.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { MatchRepository } from '../../src/storage/match.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { MediaViewRepository } from '../../src/storage/media-view.repository.js';
import { SeriesRepository } from '../../src/storage/series.repository.js';
import { SeriesMemberRepository } from '../../src/storage/series-member.repository.js';
import { fakeMedia } from '../support/fake-media.js';
import { describeEachDialect } from './dialect-harness.js';
import { makeWorld, type World } from './records-fixtures.js';

describeEachDialect('media view repository', (suite) => {
  const repo = () => new MediaViewRepository(suite.database.db);
  let w: World;
  let asA: Actor;
  /** Held by A (two sightings) and B; only in B's series shown to all (A sees it); only B's, in a restricted series. */
  let held: Media;
  let shown: Media;
  let hidden: Media;
  let openSeries: number;

  before(async () => {
    const { db, dialect } = suite.database;
    w = await makeWorld(suite.database, 'mview');
    asA = { userId: w.userA.id, agencyId: w.a.id, roles: ['analyst'] };
    const media = new MediaRepository(db, dialect);
    const add = async (i: number) => {
      const { signals: _s, ...row } = fakeMedia(i, 'mview');
      return media.insert(row);
    };
    [held, shown, hidden] = [w.m1, await add(2), await add(3)];
    await media.addSignals(held.id, [
      { type: 'sha1', value: held.sha1 },
      { type: 'pdq', value: 'a'.repeat(64), quality: 90 },
    ]);
    const cases = new CaseRepository(db);
    const exhibitA = await cases.createExhibit({ caseId: w.caseA.id, label: 'laptop' });
    const caseB = await cases.createCase({ agencyId: w.b.id, reference: `MV-B-${w.b.id}`, title: 'B' });
    const exhibitB = await cases.createExhibit({ caseId: caseB.id, label: 'phone' });
    await media.addSighting({ mediaId: held.id, exhibitId: exhibitA.id, path: 'a/first.png', seenAt: 100 });
    await media.addSighting({ mediaId: held.id, exhibitId: exhibitA.id, path: 'a/second.png', seenAt: 200 });
    for (const m of [held, shown, hidden]) {
      await media.addSighting({ mediaId: m.id, exhibitId: exhibitB.id, path: `b/${m.id}.png`, seenAt: 300 });
    }
    const series = new SeriesRepository(db);
    const members = new SeriesMemberRepository(db);
    const open = await series.create({ agencyId: w.b.id, reference: `MV-OPEN-${w.b.id}`, title: 'o', sharing: 'all' });
    const closed = await series.create({ agencyId: w.b.id, reference: `MV-CLOSED-${w.b.id}`, title: 'c' });
    openSeries = open.id;
    await members.add(open.id, w.b.id, [shown.id], null);
    await members.add(closed.id, w.b.id, [shown.id, hidden.id], null);
    const matches = new MatchRepository(db, dialect);
    await matches.create({
      agencyId: w.a.id,
      mediaId: shown.id,
      target: { otherMediaId: held.id },
      kind: 'pdq',
      distance: 8,
    });
    await matches.create({
      agencyId: w.b.id,
      mediaId: held.id,
      target: { otherMediaId: hidden.id },
      kind: 'pdq',
      distance: 9,
    });
  });

  test('the media is there for an agency that holds it or may see a series it is in, else absent', async () => {
    const scope = scopeWhere(asA, 'read', 'media');
    assert.equal((await repo().media(scope, held.id))?.sha256, held.sha256);
    assert.equal((await repo().media(scope, shown.id))?.sha256, shown.sha256);
    assert.equal(await repo().media(scope, hidden.id), null);
    assert.equal(await repo().media(scope, 999_999), null);
    assert.equal(await repo().media(scopeWhere({ ...asA, roles: [] }, 'read', 'media'), held.id), null);
  });

  test("only the agency's own sightings, newest first, with their count", async () => {
    const scope = scopeWhere(asA, 'read', 'sighting');
    const page = await repo().sightings(scope, held.id, 1);
    assert.equal(page.total, 2);
    assert.deepEqual(
      page.items.map((s) => [s.path, s.agencyId, s.caseReference, s.exhibitLabel, s.seenAt]),
      [['a/second.png', w.a.id, w.caseA.reference, 'laptop', 200]],
    );
    const all = await repo().sightings(scope, held.id, 10);
    assert.deepEqual(
      all.items.map((s) => s.path),
      ['a/second.png', 'a/first.png'],
    );
    const ofShown = await repo().sightings(scope, shown.id, 10);
    assert.deepEqual([ofShown.items, ofShown.total], [[], 0]);
  });

  test("only the agency's matches, from either side, the other media named from this one", async () => {
    const fromHeld = await repo().matches(scopeWhere(asA, 'read', 'match'), held.id, 10);
    assert.deepEqual(
      fromHeld.map((m) => [m.otherMediaId, m.kind, m.distance, m.verdict]),
      [[shown.id, 'pdq', 8, 'pending']],
    );
    const fromShown = await repo().matches(scopeWhere(asA, 'read', 'match'), shown.id, 10);
    assert.deepEqual(
      fromShown.map((m) => m.otherMediaId),
      [held.id],
    );
    assert.deepEqual(await repo().matches(scopeWhere(asA, 'read', 'match'), hidden.id, 10), []);
  });

  test('only the series the agency may see; signals by type; held by the agencies with a sighting', async () => {
    const series = await repo().series(scopeWhere(asA, 'read', 'series'), shown.id);
    assert.deepEqual(
      series.map((s) => [s.id, s.agencyId]),
      [[openSeries, w.b.id]],
    );
    assert.deepEqual(await repo().series(scopeWhere(asA, 'read', 'series'), hidden.id), []);
    assert.deepEqual(
      (await repo().signals(held.id)).map((s) => [s.type, s.quality]),
      [
        ['pdq', 90],
        ['sha1', null],
      ],
    );
    assert.equal(await repo().heldBy(held.id, w.a.id), true);
    assert.equal(await repo().heldBy(shown.id, w.a.id), false);
    assert.equal(await repo().heldBy(shown.id, w.b.id), true);
  });
});
