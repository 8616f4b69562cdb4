/**
 * POST /api/v1/lookup and /lookup/bulk on both dialects: exact and near matches show only what
 * the caller may see (another agency's unshared media and restricted sets are not there at all;
 * `hash_only` material shows as known with its category but without the set or media record),
 * answers come back in order for 10,000 hashes, matches are audited and misses are not, and the
 * index picks up a new PDQ after a refresh without a restart. Each visible series says how many
 * victims are linked to it and how many are identified; a restricted series of another agency
 * holding the same media is not there, nor are its victims.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { LinkRepository } from '../../src/storage/link.repository.js';
import { PersonRepository } from '../../src/storage/person.repository.js';
import { SeriesRepository } from '../../src/storage/series.repository.js';
import { type ApiClient, describeEachServer, type Json } from '../support/http-harness.js';
import { flipBits, hex, type LookupWorld, makeLookupWorld, storeMedia } from './lookup-world.js';

describeEachServer('hash lookups', (suite) => {
  let world: LookupWorld;
  let analyst: ApiClient;
  let viewer: ApiClient;
  let otherAnalyst: ApiClient;

  const lookup = (client: ApiClient, signals: Json[]) => client.post('/api/v1/lookup', { signals });
  const auditCount = async () =>
    Number(
      (
        await suite.vigil.database.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('action', '=', 'lookup')
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    world = await makeLookupWorld(suite);
    analyst = await suite.addUser(world.own, ['analyst']);
    viewer = await suite.addUser(world.own, ['viewer']);
    otherAnalyst = await suite.addUser(world.other, ['analyst']);
  });

  it('finds own media by each digest and by PDQ, exactly', async () => {
    const m = world.ownMedia;
    const res = await lookup(viewer, [
      { type: 'md5', value: m.md5.toUpperCase() },
      { type: 'sha1', value: m.sha1 },
      { type: 'sha256', value: m.sha256 },
      { type: 'pdq', value: m.pdq },
    ]);
    assert.equal(res.status, 200);
    for (const answer of res.body.results) {
      assert.equal(answer.matches.length, 1, answer.type);
      assert.deepEqual(
        { kind: answer.matches[0].kind, source: answer.matches[0].source, mediaId: answer.matches[0].mediaId },
        { kind: 'exact', source: 'media', mediaId: m.id },
      );
    }
    assert.equal(res.body.results[0].value, m.md5, 'values come back normalised');
  });

  it('finds a near-duplicate within the threshold and not beyond it', async () => {
    const near = flipBits(world.ownMedia.pdq, 5);
    const res = await lookup(analyst, [
      { type: 'pdq', value: near },
      { type: 'pdq', value: near, threshold: 4 },
    ]);
    assert.equal(res.body.results[0].matches[0].kind, 'near');
    assert.equal(res.body.results[0].matches[0].distance, 5);
    assert.equal(res.body.results[0].matches[0].mediaId, world.ownMedia.id);
    assert.deepEqual(res.body.results[1].matches, []);
  });

  it("never shows another agency's unshared media or restricted set, exact or near", async () => {
    const { otherMedia, entries } = world;
    const signals = [
      { type: 'sha256', value: otherMedia.sha256 },
      { type: 'pdq', value: flipBits(otherMedia.pdq, 2) },
      { type: 'md5', value: entries.restricted.md5 },
      { type: 'pdq', value: entries.restricted.pdq },
    ];
    const mine = await lookup(analyst, signals);
    assert.deepEqual(
      mine.body.results.map((r: Json) => r.matches.length),
      [0, 0, 0, 0],
    );
    const theirs = await lookup(otherAnalyst, signals);
    assert.deepEqual(
      theirs.body.results.map((r: Json) => r.matches.length),
      [1, 1, 1, 1],
    );
    assert.equal(theirs.body.results[2].matches[0].hashSet.name, entries.restricted.setName);
  });

  it('shows hash_only material as known, with the category, but not the set or the media record', async () => {
    const res = await lookup(viewer, [
      { type: 'sha1', value: world.entries.hash_only.sha1 },
      { type: 'sha256', value: world.hashOnlyMedia.sha256 },
    ]);
    const [entry] = res.body.results[0].matches;
    assert.deepEqual(entry.category, { scheme: 'projectvic_us', code: '2', label: entry.category.label });
    assert.equal(entry.hashSet, null);
    assert.equal(entry.hashSetEntryId, null);
    const [media] = res.body.results[1].matches;
    assert.equal(media.mediaId, null);
    assert.deepEqual(media.series, []);
    assert.doesNotMatch(JSON.stringify(res.body), /Series label of the list|Hash-only series/);
  });

  it("says whether a series' victims are identified, for visible series only", async () => {
    const db = suite.vigil.database.db;
    const media = await storeMedia(suite, world.own);
    const series = new SeriesRepository(db);
    const links = new LinkRepository(db);
    const people = new PersonRepository(db);
    const mine = await series.create({ agencyId: world.own, reference: `V-${hex(3)}`, title: 'Victims series' });
    const bare = await series.create({ agencyId: world.own, reference: `B-${hex(3)}`, title: 'No victims series' });
    const theirs = await series.create({
      agencyId: world.other,
      reference: `R-${hex(3)}`,
      title: 'Restricted other series',
      sharing: 'restricted',
    });
    const member = (agencyId: number, seriesId: number) =>
      links.create({
        agencyId,
        from: { kind: 'media', id: media.id },
        to: { kind: 'series', id: seriesId },
        relation: 'member',
      });
    await member(world.own, mine.id);
    await member(world.own, bare.id);
    await member(world.other, theirs.id);
    const victim = async (agencyId: number, seriesId: number, identified: boolean, fromVictim: boolean) => {
      const person = await people.create({ kind: 'victim', agencyId, reference: `victim-${hex(3)}` });
      if (identified) await people.setIdentified('victim', person.id, agencyId, { byAgencyId: agencyId, at: 1 });
      const ends = [
        { kind: 'series' as const, id: seriesId },
        { kind: 'victim' as const, id: person.id },
      ];
      const [from, to] = fromVictim ? [ends[1], ends[0]] : ends;
      await links.create({ agencyId, from, to, relation: 'depicts' });
    };
    // Own series: one identified victim linked by the other agency, one not identified linked from the victim side.
    await victim(world.other, mine.id, true, false);
    await victim(world.own, mine.id, false, true);
    // The other agency's restricted series: two identified victims nobody else may count.
    await victim(world.other, theirs.id, true, false);
    await victim(world.other, theirs.id, true, true);

    const res = await lookup(viewer, [{ type: 'sha256', value: media.sha256 }]);
    assert.equal(res.status, 200);
    const [match] = res.body.results[0].matches;
    assert.deepEqual(
      match.series.map((s: Json) => ({ id: s.id, victims: s.victims })),
      [
        { id: mine.id, victims: { total: 2, identified: 1 } },
        { id: bare.id, victims: { total: 0, identified: 0 } },
      ],
    );
    assert.doesNotMatch(JSON.stringify(res.body), /Restricted other series/);

    const owner = await lookup(otherAnalyst, [{ type: 'sha256', value: media.sha256 }]);
    assert.deepEqual(
      owner.body.results[0].matches[0].series.map((s: Json) => ({ id: s.id, victims: s.victims })),
      [{ id: theirs.id, victims: { total: 2, identified: 2 } }],
      'the owner of the restricted series sees its own counts (and not the series it may not read)',
    );
  });

  it('shows sets shared with all and own sets with their names', async () => {
    const res = await lookup(analyst, [
      { type: 'md5', value: world.entries.all.md5 },
      { type: 'pdq', value: world.entries.own.pdq },
    ]);
    assert.equal(res.body.results[0].matches[0].hashSet.name, world.entries.all.setName);
    assert.equal(res.body.results[1].matches[0].hashSet.name, world.entries.own.setName);
    assert.equal(res.body.results[1].matches[0].category.code, '4');
  });

  it('audits lookups that match, and not those that miss', async () => {
    const before = await auditCount();
    await lookup(analyst, [{ type: 'sha256', value: hex(32) }]);
    await lookup(analyst, [{ type: 'pdq', value: hex(32), threshold: 10 }]);
    assert.equal(await auditCount(), before, 'misses write nothing');
    await lookup(analyst, [{ type: 'sha256', value: world.ownMedia.sha256 }]);
    assert.equal(await auditCount(), before + 1);
    const event = await suite.vigil.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'lookup')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(event.record_kind, 'media');
    assert.equal(event.record_id, world.ownMedia.id);
    assert.equal(event.actor_user_id, analyst.actor?.userId);
  });

  it('refuses malformed hashes, naming which, and thresholds on exact hashes', async () => {
    const bad = await lookup(analyst, [
      { type: 'md5', value: hex(16) },
      { type: 'sha1', value: 'xyz' },
    ]);
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /signals\[1\]/);
    const threshold = await lookup(analyst, [{ type: 'md5', value: hex(16), threshold: 3 }]);
    assert.equal(threshold.status, 400);
    assert.match(threshold.body.message, /pdq only/);
  });

  it('answers 10,000 hashes in one bulk request, in order', async () => {
    const signals: Json[] = [];
    for (let i = 0; i < 10_000; i++) {
      signals.push(i % 2 === 0 ? { type: 'pdq', value: hex(32) } : { type: 'sha256', value: hex(32) });
    }
    signals[1234] = { type: 'pdq', value: flipBits(world.ownMedia.pdq, 3) };
    signals[7777] = { type: 'sha256', value: world.ownMedia.sha256 };
    signals[9999] = { type: 'md5', value: world.entries.all.md5 };
    const res = await analyst.post('/api/v1/lookup/bulk', { signals });
    assert.equal(res.status, 200);
    assert.equal(res.body.results.length, 10_000);
    const hits = res.body.results.flatMap((r: Json, i: number) => (r.matches.length > 0 ? [i] : []));
    assert.deepEqual(hits, [1234, 7777, 9999]);
    assert.equal(res.body.results[1234].matches[0].distance, 3);
    assert.equal(res.body.results[5000].value, signals[5000].value);
  });

  it('finds a PDQ stored after start-up once the index is refreshed, without a restart', async () => {
    const added = await storeMedia(suite, world.own);
    const before = await lookup(analyst, [{ type: 'pdq', value: added.pdq }]);
    assert.deepEqual(before.body.results[0].matches, [], 'not in the index before the refresh');
    await suite.vigil.pdqIndex.refresh();
    const after = await lookup(analyst, [{ type: 'pdq', value: added.pdq }]);
    assert.equal(after.body.results[0].matches[0]?.mediaId, added.id);
  });

  it('is refused to auditors and partner keys', async () => {
    const auditor = await suite.addUser(world.own, ['auditor']);
    const partner = await suite.addPartner(world.own);
    const body = [{ type: 'md5', value: hex(16) }];
    assert.equal((await lookup(auditor, body)).status, 403);
    assert.equal((await lookup(partner, body)).status, 403);
  });
});
