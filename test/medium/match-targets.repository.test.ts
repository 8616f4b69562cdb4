/**
 * What an ingested file's matches point at, seen by one agency, on both dialects: entries whose
 * hashes it may see (a `hash_only` set's without its record, a restricted one's not at all), the
 * series a media is in with what it may see of each, its own matches of a media, and whether an
 * alert was raised already.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { AlertRepository } from '../../src/storage/alert.repository.js';
import { HashSetRepository } from '../../src/storage/hash-set.repository.js';
import { HashSetEntryRepository } from '../../src/storage/hash-set-entry.repository.js';
import { MatchRepository } from '../../src/storage/match.repository.js';
import { MatchTargetsRepository } from '../../src/storage/match-targets.repository.js';
import { SeriesRepository } from '../../src/storage/series.repository.js';
import { SeriesMemberRepository } from '../../src/storage/series-member.repository.js';
import { describeEachDialect } from './dialect-harness.js';
import { makeWorld, type World } from './records-fixtures.js';

describeEachDialect('match targets repository', (suite) => {
  const repo = () => new MatchTargetsRepository(suite.database.db);
  let w: World;
  const entries: Record<'own' | 'hashOnly' | 'closed', number> = { own: 0, hashOnly: 0, closed: 0 };
  const series: Record<'open' | 'hashOnly' | 'closed', number> = { open: 0, hashOnly: 0, closed: 0 };

  before(async () => {
    const db = suite.database.db;
    w = await makeWorld(suite.database, 'mtargets');
    const sets = new HashSetRepository(db);
    const entryRepo = new HashSetEntryRepository(db, suite.dialect);
    const entry = async (agencyId: number, name: string, sharing: 'restricted' | 'hash_only', knownGood = false) => {
      const set = await sets.create({ agencyId, name: `${name}-${w.a.id}`, source: 't', sharing, knownGood });
      return (await entryRepo.add(set.id, agencyId, { md5: w.m1.md5 })).id;
    };
    entries.own = await entry(w.a.id, 'own', 'restricted', true);
    entries.hashOnly = await entry(w.b.id, 'hash-only', 'hash_only');
    entries.closed = await entry(w.b.id, 'closed', 'restricted');
    const seriesRepo = new SeriesRepository(db);
    const members = new SeriesMemberRepository(db);
    const make = async (ref: string, sharing: 'all' | 'hash_only' | 'restricted') => {
      const s = await seriesRepo.create({ agencyId: w.b.id, reference: `${ref}-${w.a.id}`, title: ref, sharing });
      await members.add(s.id, w.b.id, [w.m1.id], null);
      return s.id;
    };
    series.open = await make('open', 'all');
    series.hashOnly = await make('hash-only', 'hash_only');
    series.closed = await make('closed', 'restricted');
  });

  test('entries whose hashes the agency may see, with whether it may see the set itself', async () => {
    const ids = [entries.own, entries.hashOnly, entries.closed, 999_999];
    const visible = await repo().visibleEntries(ids, w.a.id);
    assert.deepEqual(
      [...visible.values()].map((e) => [e.entryId, e.hashSetAgencyId, e.setVisible, e.knownGood]),
      [
        [entries.own, w.a.id, true, true],
        [entries.hashOnly, w.b.id, false, false],
      ],
    );
    const all = await repo().entrySets(ids, w.a.id);
    assert.deepEqual(
      all.map((e) => [e.entryId, e.setVisible]),
      [
        [entries.own, true],
        [entries.hashOnly, false],
        [entries.closed, false],
      ],
    );
    assert.equal((await repo().visibleEntries([entries.closed], w.b.id)).get(entries.closed)?.setVisible, true);
  });

  test('the series a media is in, with what the agency may see of each', async () => {
    const found = await repo().seriesOf([w.m1.id, w.m2.id, w.m1.id], w.a.id);
    assert.deepEqual(
      found.map((s) => [s.seriesId, s.seriesVisible, s.hashesVisible]),
      [
        [series.open, true, true],
        [series.hashOnly, false, true],
        [series.closed, false, false],
      ],
    );
    assert.ok((await repo().seriesOf([w.m1.id], w.b.id)).every((s) => s.seriesVisible && s.hashesVisible));
    assert.deepEqual(await repo().seriesOf([w.m2.id], w.a.id), []);
  });

  test("an agency's matches of a media, and whether exactly this alert was raised", async () => {
    const matches = new MatchRepository(suite.database.db, suite.dialect);
    const own = await matches.create({
      agencyId: w.a.id,
      mediaId: w.m1.id,
      target: { hashSetEntryId: entries.own },
      kind: 'exact',
    });
    await matches.create({
      agencyId: w.b.id,
      mediaId: w.m1.id,
      target: { otherMediaId: w.m2.id },
      kind: 'pdq',
      distance: 3,
    });
    await matches.create({
      agencyId: w.a.id,
      mediaId: w.m2.id,
      target: { otherMediaId: w.m1.id },
      kind: 'pdq',
      distance: 3,
    });
    assert.deepEqual(
      (await repo().matchesOf(w.a.id, w.m1.id)).map((m) => [m.id, m.kind, m.hashSetEntryId, m.otherMediaId, m.verdict]),
      [[own.id, 'exact', entries.own, null, 'pending']],
    );
    const key = {
      agencyId: w.a.id,
      reason: 'series_match' as const,
      about: { kind: 'media' as const, id: w.m1.id },
      matchId: own.id,
      fromAgencyId: null,
    };
    assert.equal(await repo().alerted(key), false);
    await new AlertRepository(suite.database.db).create(key);
    assert.equal(await repo().alerted(key), true);
    assert.equal(await repo().alerted({ ...key, matchId: null }), false);
    assert.equal(await repo().alerted({ ...key, fromAgencyId: w.b.id }), false);
    assert.equal(await repo().alerted({ ...key, agencyId: w.b.id }), false);
  });
});
