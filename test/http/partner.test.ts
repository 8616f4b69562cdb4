/**
 * POST /api/v1/partner/lookup on both dialects: a partner key learns known / not known and the
 * category of hashes in sets shared `all` or `hash_only`, and nothing else (no ids, set names,
 * labels or agencies; restricted sets, even of its own agency, and media are not consulted); it
 * is rate-limited per key (429 with Retry-After) and refused everywhere else.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { type ApiClient, describeEachServer, type Json } from '../support/http-harness.js';
import { flipBits, hex, type LookupWorld, makeLookupWorld } from './lookup-world.js';

describeEachServer('partner lookups', (suite) => {
  let world: LookupWorld;
  let partner: ApiClient;

  before(async () => {
    world = await makeLookupWorld(suite);
    partner = await suite.addPartner(world.own, 1000);
  });

  it('answers known with the category for hashes shared all or hash_only, and nothing more', async () => {
    const { entries, ownMedia } = world;
    const hashes = [
      { type: 'md5', value: entries.all.md5 },
      { type: 'sha256', value: entries.hash_only.sha256 },
      { type: 'pdq', value: flipBits(entries.all.pdq, 4) },
      { type: 'sha1', value: entries.restricted.sha1 },
      { type: 'sha256', value: entries.own.sha256 },
      { type: 'sha256', value: ownMedia.sha256 },
      { type: 'pdq', value: ownMedia.pdq },
      { type: 'md5', value: hex(16) },
    ];
    const res = await partner.post('/api/v1/partner/lookup', { hashes });
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.results.map((r: Json) => [r.known, r.categories.map((c: Json) => c.code)]),
      [
        [true, ['3']],
        [true, ['2']],
        [true, ['3']],
        [false, []],
        [false, []],
        [false, []],
        [false, []],
        [false, []],
      ],
    );
    for (const r of res.body.results) assert.deepEqual(Object.keys(r).sort(), ['categories', 'known', 'type', 'value']);
    const text = JSON.stringify(res.body);
    for (const e of Object.values(entries)) assert.ok(!text.includes(e.setName), 'no set names');
    assert.doesNotMatch(text, /Series label of the list/);
  });

  it('audits what a partner matched', async () => {
    const res = await partner.post('/api/v1/partner/lookup', {
      hashes: [{ type: 'md5', value: world.entries.all.md5 }],
    });
    assert.equal(res.body.results[0].known, true);
    const event = await suite.vigil.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'lookup')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [event.record_kind, event.record_id, event.actor_agency_id, event.actor_user_id],
      ['hash_set_entry', world.entries.all.id, world.own, null],
    );
  });

  it('can do nothing else', async () => {
    const attempts = [
      partner.post('/api/v1/lookup', { signals: [{ type: 'md5', value: hex(16) }] }),
      partner.post('/api/v1/lookup/bulk', { signals: [{ type: 'md5', value: hex(16) }] }),
      partner.get('/api/v1/hash-sets'),
      partner.get('/api/v1/auth/session'),
    ];
    for (const res of await Promise.all(attempts)) assert.equal(res.status, 403, JSON.stringify(res.body));
  });

  it("is rate-limited at the key's own rate", async () => {
    const slow = await suite.addPartner(world.own, 2);
    const body = { hashes: [{ type: 'md5', value: hex(16) }] };
    assert.equal((await slow.post('/api/v1/partner/lookup', body)).status, 200);
    assert.equal((await slow.post('/api/v1/partner/lookup', body)).status, 200);
    const limited = await slow.post('/api/v1/partner/lookup', body);
    assert.equal(limited.status, 429);
    assert.equal(limited.body.code, 'rate-limited');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal((await partner.post('/api/v1/partner/lookup', body)).status, 200, 'other keys are not held back');
  });
});
