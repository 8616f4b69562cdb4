/**
 * Victims and offenders over HTTP on both dialects: analysts and admins of the owner agency only
 * (viewers, auditors and partners see no personal data; another agency's record is not found),
 * every read audited (one view event per record, lists included), identification recorded with
 * agency and time, and the alert "a victim in your series was identified" to the series' owner and
 * to the agencies holding its media that may see it — ids only.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Actor } from '../../src/access/access-record.js';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';
import { alsoHeldBy, aSeries, heldMedia } from '../support/hub-records.js';

describeEachServer('victim and offender routes', (suite) => {
  let own = 0;
  let other = 0;
  let third = 0;
  let analyst: ApiClient & { userId: number };
  let otherAnalyst: ApiClient;

  before(async () => {
    own = await suite.addAgency('People own unit');
    other = await suite.addAgency('People other unit');
    third = await suite.addAgency('People third unit');
    analyst = await suite.addUser(own, ['analyst']);
    otherAnalyst = await suite.addUser(other, ['analyst']);
  });

  const views = async (kind: string, id: number) =>
    (
      await suite.vigil.database.db
        .selectFrom('audit_events')
        .select(['actor_user_id', 'record_agency_id'])
        .where('action', '=', 'view')
        .where('record_kind', '=', kind)
        .where('record_id', '=', id)
        .execute()
    ).length;

  const alertsOf = async (agencyId: number) => {
    const actor: Actor = { userId: null, agencyId, roles: ['viewer'] };
    return (await suite.vigil.alerts.list(actor, { limit: 200, offset: 0 })).items;
  };

  it('records, lists and reads victims and offenders, auditing every read', async () => {
    for (const plural of ['victims', 'offenders']) {
      const created = await analyst.post(`/api/v1/${plural}`, { reference: `${plural}-1` });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.id;
      assert.deepEqual(
        [created.body.identifiedAt, created.body.identifiedByAgencyId, created.body.seriesIds],
        [null, null, []],
      );
      assert.equal(await views(created.body.kind, id), 0);
      assert.equal((await analyst.get(`/api/v1/${plural}/${id}`)).status, 200);
      assert.equal(await views(created.body.kind, id), 1);
      const list = await analyst.get(`/api/v1/${plural}?limit=200`);
      assert.ok(list.body.items.some((p: { id: number }) => p.id === id));
      assert.equal(await views(created.body.kind, id), 2, 'a list is a look at each record in it');
      assert.equal((await analyst.post(`/api/v1/${plural}`, { reference: `${plural}-1` })).status, 409);
    }
  });

  it('shows personal data to no one else: other agencies, viewers, auditors, partners', async () => {
    const victim = (await otherAnalyst.post('/api/v1/victims', { reference: 'theirs' })).body;
    assert.equal((await analyst.get(`/api/v1/victims/${victim.id}`)).status, 404);
    assert.equal((await analyst.request('PATCH', `/api/v1/victims/${victim.id}`, { identified: {} })).status, 404);
    assert.ok(
      !(await analyst.get('/api/v1/victims?limit=200')).body.items.some((v: { id: number }) => v.id === victim.id),
    );
    assert.equal(await views('victim', victim.id), 0, 'a refused read is not a view');
    const viewer = await suite.addUser(own, ['viewer']);
    const auditor = await suite.addUser(own, ['auditor']);
    const partner = await suite.addPartner(own);
    for (const caller of [viewer, auditor, partner]) {
      assert.equal((await caller.get('/api/v1/victims')).status, 403);
      assert.equal((await caller.get('/api/v1/offenders')).status, 403);
      assert.equal((await caller.post('/api/v1/victims', { reference: 'x' })).status, 403);
    }
  });

  it('refuses bad bodies: unknown fields, empty changes, unknown agencies, future times', async () => {
    const v = (await analyst.post('/api/v1/victims', { reference: 'bad-bodies' })).body;
    assert.equal((await analyst.post('/api/v1/victims', { reference: 'x', name: 'A name' })).status, 400);
    assert.equal((await analyst.post('/api/v1/victims', {})).status, 400);
    assert.equal((await analyst.request('PATCH', `/api/v1/victims/${v.id}`, {})).status, 400);
    const agency = await analyst.request('PATCH', `/api/v1/victims/${v.id}`, { identified: { byAgencyId: 9_999_999 } });
    assert.equal(agency.status, 400);
    const future = await analyst.request('PATCH', `/api/v1/victims/${v.id}`, {
      identified: { at: Date.now() + 86_400_000 },
    });
    assert.equal(future.status, 400);
    assert.equal((await analyst.get('/api/v1/victims?identified=maybe')).status, 400);
  });

  it('records who identified a victim and when, filters by it, and can withdraw it', async () => {
    const v = (await analyst.post('/api/v1/victims', { reference: 'identify-me' })).body;
    const at = Date.UTC(2025, 5, 1);
    const done = await analyst.request('PATCH', `/api/v1/victims/${v.id}`, { identified: { byAgencyId: other, at } });
    assert.equal(done.status, 200);
    assert.deepEqual([done.body.identifiedAt, done.body.identifiedByAgencyId], [at, other]);
    const identified = await analyst.get('/api/v1/victims?identified=true&limit=200');
    assert.ok(identified.body.items.every((p: { identifiedAt: number | null }) => p.identifiedAt !== null));
    assert.ok(identified.body.items.some((p: { id: number }) => p.id === v.id));
    const withdrawn = await analyst.request('PATCH', `/api/v1/victims/${v.id}`, { identified: null });
    assert.deepEqual([withdrawn.body.identifiedAt, withdrawn.body.identifiedByAgencyId], [null, null]);
    const renamed = await analyst.request('PATCH', `/api/v1/victims/${v.id}`, { reference: 'renamed' });
    assert.equal(renamed.body.reference, 'renamed');
  });

  it('alerts the series owner and the holders who may see it when a victim in the series is identified', async () => {
    const media = await heldMedia(suite, other);
    await alsoHeldBy(suite, media, third);
    // The other agency's series, shared with the caller by name: the third agency holds media of it
    // but may not see it, so it is not told about it.
    const series = await aSeries(suite, other, { sharedWith: [own], media: [media] });
    const ownMedia = await heldMedia(suite, own);
    const openSeries = await aSeries(suite, other, { sharing: 'all', media: [media, ownMedia] });
    const victim = await analyst.post('/api/v1/victims', { reference: 'in-series', seriesIds: [series, openSeries] });
    assert.deepEqual(
      victim.body.seriesIds,
      [series, openSeries].sort((a, b) => a - b),
    );
    const before = {
      other: (await alertsOf(other)).length,
      third: (await alertsOf(third)).length,
      own: (await alertsOf(own)).length,
    };
    const marked = await analyst.request('PATCH', `/api/v1/victims/${victim.body.id}`, { identified: {} });
    assert.equal(marked.status, 200);
    const toOther = (await alertsOf(other)).slice(0, (await alertsOf(other)).length - before.other);
    assert.deepEqual(
      toOther.map((a) => [a.reason, a.about.id, a.victimId, a.fromAgencyId]).sort(),
      [
        ['victim_identified', series, victim.body.id, own],
        ['victim_identified', openSeries, victim.body.id, own],
      ].sort(),
    );
    assert.match(toOther[0]?.message ?? '', /^A victim in series \d+ was recorded as identified by People own unit\.$/);
    const toThird = (await alertsOf(third)).slice(0, (await alertsOf(third)).length - before.third);
    assert.deepEqual(
      toThird.map((a) => a.about.id),
      [openSeries],
      'the restricted series is not revealed to a holder it is not shared with',
    );
    assert.equal((await alertsOf(own)).length, before.own, 'the agency that recorded it is not alerted');
    // Again (a correction and re-identification, or another change) raises nothing new.
    await analyst.request('PATCH', `/api/v1/victims/${victim.body.id}`, { identified: null });
    await analyst.request('PATCH', `/api/v1/victims/${victim.body.id}`, { identified: {} });
    assert.equal((await alertsOf(other)).length, before.other + 2);
  });

  it('refuses to link a person to a series the caller may not see', async () => {
    const hidden = await aSeries(suite, other);
    const refused = await analyst.post('/api/v1/offenders', { reference: 'hidden-series', seriesIds: [hidden] });
    assert.equal(refused.status, 404);
    const listed = await analyst.get('/api/v1/offenders?limit=200');
    assert.ok(!listed.body.items.some((p: { reference: string }) => p.reference === 'hidden-series'));
  });
});
