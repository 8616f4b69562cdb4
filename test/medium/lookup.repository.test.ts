/**
 * The reads behind hash lookups, on both dialects: a media is found when the agency holds it or
 * may see a series it is in (record visible), or only as a known hash when it is in a series
 * shared `hash_only`; never otherwise, and never by a partner key. Hash-set entries follow the
 * same rules, a partner key seeing only sets shared `all` or `hash_only`, never their records.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Actor } from '../../src/access/access-record.js';
import type { Media } from '../../src/domain/media.record.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { CategoryRepository } from '../../src/storage/category.repository.js';
import { HashSetRepository } from '../../src/storage/hash-set.repository.js';
import { HashSetEntryRepository } from '../../src/storage/hash-set-entry.repository.js';
import { LinkRepository } from '../../src/storage/link.repository.js';
import { LookupRepository } from '../../src/storage/lookup.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { PersonRepository } from '../../src/storage/person.repository.js';
import { SeriesRepository } from '../../src/storage/series.repository.js';
import { SeriesMemberRepository } from '../../src/storage/series-member.repository.js';
import { fakeMedia } from '../support/fake-media.js';
import { describeEachDialect } from './dialect-harness.js';
import { makeWorld, type World } from './records-fixtures.js';

describeEachDialect('lookup repository', (suite) => {
  const repo = () => new LookupRepository(suite.database.db, suite.dialect);
  let w: World;
  let asA: Actor;
  let partner: Actor;
  /** held: A sighted it; open: in B's series shared with all; hashOnly: in B's `hash_only` series; closed: B's only. */
  const m: Record<'held' | 'open' | 'hashOnly' | 'closed', Media> = {} as never;
  const series: Record<'open' | 'hashOnly', number> = { open: 0, hashOnly: 0 };
  const entries: Record<'own' | 'all' | 'hashOnly' | 'closed', number> = { own: 0, all: 0, hashOnly: 0, closed: 0 };
  const pdq = 'f'.repeat(64);

  before(async () => {
    const { db, dialect } = suite.database;
    w = await makeWorld(suite.database, 'lookup');
    asA = { userId: w.userA.id, agencyId: w.a.id, roles: ['analyst'] };
    partner = { userId: null, agencyId: w.c.id, roles: ['partner'] };
    const media = new MediaRepository(db, dialect);
    const add = async (i: number) => {
      const { signals: _s, ...row } = fakeMedia(i, 'lookup');
      return media.insert(row);
    };
    Object.assign(m, { held: w.m1, open: w.m2, hashOnly: await add(3), closed: await add(4) });
    const cases = new CaseRepository(db);
    const exhibitA = await cases.createExhibit({ caseId: w.caseA.id, label: 'disk' });
    await media.addSighting({ mediaId: m.held.id, exhibitId: exhibitA.id, path: 'x.png' });
    const caseB = await cases.createCase({ agencyId: w.b.id, reference: `LK-B-${w.b.id}`, title: 'B' });
    const exhibitB = await cases.createExhibit({ caseId: caseB.id, label: 'disk' });
    for (const x of Object.values(m)) await media.addSighting({ mediaId: x.id, exhibitId: exhibitB.id, path: 'y.png' });
    const caid = await new CategoryRepository(db).findValue('uk_caid', 'A');
    const seriesRepo = new SeriesRepository(db);
    const members = new SeriesMemberRepository(db);
    const make = async (ref: string, sharing: 'all' | 'hash_only', member: Media) => {
      const s = await seriesRepo.create({
        agencyId: w.b.id,
        reference: `${ref}-${w.a.id}`,
        title: `Title ${ref}`,
        sharing,
        categoryValueId: caid?.id ?? null,
      });
      await members.add(s.id, w.b.id, [member.id], null);
      return s.id;
    };
    series.open = await make('open', 'all', m.open);
    series.hashOnly = await make('hash-only', 'hash_only', m.hashOnly);
    const people = new PersonRepository(db);
    const links = new LinkRepository(db);
    for (const [ref, identified] of [
      ['V-1', true],
      ['V-2', false],
    ] as const) {
      const v = await people.create({ kind: 'victim', agencyId: w.b.id, reference: `${ref}-${w.a.id}` });
      if (identified) await people.setIdentified('victim', v.id, w.b.id, { byAgencyId: w.b.id, at: 5 });
      await links.create({
        agencyId: w.b.id,
        from: { kind: 'victim', id: v.id },
        to: { kind: 'series', id: series.open },
        relation: 'depicted_in',
      });
    }
    const sets = new HashSetRepository(db);
    const entryRepo = new HashSetEntryRepository(db, dialect);
    const entry = async (agencyId: number, name: string, sharing: 'restricted' | 'all' | 'hash_only') => {
      const set = await sets.create({ agencyId, name: `${name}-${w.a.id}`, source: 't', sharing });
      return (await entryRepo.add(set.id, agencyId, { pdq, categoryValueId: caid?.id ?? null })).id;
    };
    entries.own = await entry(w.a.id, 'own', 'restricted');
    entries.all = await entry(w.b.id, 'all', 'all');
    entries.hashOnly = await entry(w.b.id, 'hash-only', 'hash_only');
    entries.closed = await entry(w.b.id, 'closed', 'restricted');
  });

  test('media by digest: the record where visible, the hash alone from a hash-only series, else nothing', async () => {
    const values = Object.values(m).map((x) => x.sha256);
    const hits = await repo().mediaByDigest(asA, 'sha256', values);
    const seen = new Map(hits.map((h) => [h.mediaId, h.recordVisible]));
    assert.deepEqual(
      [seen.get(m.held.id), seen.get(m.open.id), seen.get(m.hashOnly.id), seen.has(m.closed.id)],
      [true, true, false, false],
    );
    assert.equal(hits.find((h) => h.mediaId === m.held.id)?.value, m.held.sha256);
    const byId = await repo().mediaByIds(asA, [m.closed.id, m.hashOnly.id]);
    assert.deepEqual(
      byId.map((h) => [h.mediaId, h.recordVisible]),
      [[m.hashOnly.id, false]],
    );
    assert.deepEqual(await repo().mediaByDigest(partner, 'sha256', values), []);
    assert.deepEqual(await repo().mediaByIds(partner, [m.open.id]), []);
  });

  test('the unscoped existence test answers only whether a digest is stored anywhere', async () => {
    assert.equal(await repo().anyDigest('md5', m.closed.md5), true);
    assert.equal(await repo().anyDigest('sha1', '0'.repeat(40)), false);
  });

  test('series of media: only those the agency may see, with category and victim counts', async () => {
    const found = await repo().seriesOf(asA, [m.open.id, m.hashOnly.id, m.closed.id]);
    assert.deepEqual(
      found.map((s) => [s.mediaId, s.id, s.title, s.category?.scheme, s.category?.code]),
      [[m.open.id, series.open, 'Title open', 'uk_caid', 'A']],
    );
    const counts = await repo().victimCountsOf([series.open, series.hashOnly]);
    assert.deepEqual([...counts.entries()], [[series.open, { total: 2, identified: 1 }]]);
  });

  test('entries by hash: own and shared sets, hash-only ones without the set; partners only all/hash-only', async () => {
    const hits = await repo().entriesByHash(asA, 'pdq', [pdq]);
    assert.deepEqual(
      hits.map((h) => [h.entryId, h.setVisible, h.value, h.category?.code]),
      [
        [entries.own, true, pdq, 'A'],
        [entries.all, true, pdq, 'A'],
        [entries.hashOnly, false, pdq, 'A'],
      ],
    );
    const asPartner = await repo().entriesByHash(partner, 'pdq', [pdq], true);
    assert.deepEqual(
      asPartner.map((h) => [h.entryId, h.setVisible]),
      [
        [entries.all, false],
        [entries.hashOnly, false],
      ],
    );
    const byId = await repo().entriesByIds(asA, [entries.closed, entries.own]);
    assert.deepEqual(
      byId.map((h) => h.entryId),
      [entries.own],
    );
  });
});
