/**
 * Links over HTTP on both dialects: allowed pairs and relations, stored in the rule's order;
 * both ends must be visible; only a series' agency makes media members of it; removal of own
 * links only; listing by record hides kinds the caller's role may not read; linking an
 * identified victim to a series alerts that series' agency; every change audited.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';
import { aPerson, aPlace, aSeries, heldMedia } from '../support/hub-records.js';

describeEachServer('link routes', (suite) => {
  let own = 0;
  let other = 0;
  let analyst: ApiClient;
  let viewer: ApiClient;
  let otherAnalyst: ApiClient;

  before(async () => {
    own = await suite.addAgency('Links own unit');
    other = await suite.addAgency('Links other unit');
    analyst = await suite.addUser(own, ['analyst']);
    viewer = await suite.addUser(own, ['viewer']);
    otherAnalyst = await suite.addUser(other, ['analyst']);
  });

  it('links records in either order, with the default or a named relation', async () => {
    const series = await aSeries(suite, own);
    const place = await aPlace(suite, own);
    const link = await analyst.post('/api/v1/links', { from: `place:${place}`, to: `series:${series}` });
    assert.equal(link.status, 201, JSON.stringify(link.body));
    assert.deepEqual(
      [link.body.from, link.body.to, link.body.relation],
      [{ kind: 'series', id: series }, { kind: 'place', id: place }, 'located_at'],
    );
    assert.equal((await analyst.post('/api/v1/links', { from: `series:${series}`, to: `place:${place}` })).status, 409);
    const next = await aSeries(suite, own);
    const continues = await analyst.post('/api/v1/links', {
      from: `series:${next}`,
      to: `series:${series}`,
      relation: 'continues',
    });
    assert.equal(continues.status, 201);
    const listed = await viewer.get(`/api/v1/links?record=series:${series}`);
    assert.deepEqual(
      listed.body.items.map((l: { id: number }) => l.id),
      [link.body.id, continues.body.id],
    );
    const ids = async (query: string) => (await viewer.get(`/api/v1/links?record=series:${series}&${query}`)).body;
    assert.deepEqual(
      (await ids('kind=place')).items.map((l: { id: number }) => l.id),
      [link.body.id],
    );
    assert.deepEqual(
      (await ids('kind=series')).items.map((l: { id: number }) => l.id),
      [continues.body.id],
      'the other end is a series, whichever end this series is',
    );
    assert.equal((await ids('kind=victim')).total, 0);
    assert.equal((await viewer.get(`/api/v1/links?record=series:${series}&kind=people`)).status, 400);
  });

  it('refuses pairs and relations that are not allowed, self-links and malformed references', async () => {
    const series = await aSeries(suite, own);
    const victim = await aPerson(suite, 'victim', own);
    const pair = await analyst.post('/api/v1/links', { from: `victim:${victim}`, to: `hash_set:1` });
    assert.equal(pair.status, 400);
    assert.match(pair.body.message, /cannot be linked/);
    const relation = await analyst.post('/api/v1/links', {
      from: `series:${series}`,
      to: `victim:${victim}`,
      relation: 'member',
    });
    assert.equal(relation.status, 400);
    assert.equal(
      (await analyst.post('/api/v1/links', { from: `series:${series}`, to: `series:${series}` })).status,
      400,
    );
    assert.equal((await analyst.post('/api/v1/links', { from: 'series', to: `victim:${victim}` })).status, 400);
    assert.equal((await analyst.get('/api/v1/links?record=people:1')).status, 400);
    assert.equal((await viewer.post('/api/v1/links', { from: `series:${series}`, to: `place:1` })).status, 403);
  });

  it('needs both ends visible, and only the series’ agency makes members of it', async () => {
    const hidden = await aSeries(suite, other);
    const ownPlace = await aPlace(suite, own);
    const refused = await analyst.post('/api/v1/links', { from: `series:${hidden}`, to: `place:${ownPlace}` });
    assert.equal(refused.status, 404);
    assert.equal((await analyst.get(`/api/v1/links?record=series:${hidden}`)).status, 404);
    const media = await heldMedia(suite, own);
    const open = await aSeries(suite, other, { sharing: 'all' });
    const member = await analyst.post('/api/v1/links', { from: `media:${media}`, to: `series:${open}` });
    assert.equal(member.status, 403, 'a series shared with all is visible, but membership is its agency’s call');
    const related = await analyst.post('/api/v1/links', {
      from: `media:${media}`,
      to: `series:${open}`,
      relation: 'related',
    });
    assert.equal(related.status, 201, 'a note of the caller’s own that the media is related is fine');
    const ownSeries = await aSeries(suite, own);
    const made = await analyst.post('/api/v1/links', { from: `media:${media}`, to: `series:${ownSeries}` });
    assert.equal(made.body.relation, 'member');
    assert.equal((await analyst.get(`/api/v1/series/${ownSeries}`)).body.mediaCount, 1);
  });

  it('removes only the agency’s own links, and audits links made and removed', async () => {
    const series = await aSeries(suite, own);
    const place = await aPlace(suite, own);
    const link = (await analyst.post('/api/v1/links', { from: `series:${series}`, to: `place:${place}` })).body;
    assert.equal((await otherAnalyst.request('DELETE', `/api/v1/links/${link.id}`)).status, 404);
    assert.equal((await viewer.request('DELETE', `/api/v1/links/${link.id}`)).status, 403);
    assert.equal((await analyst.request('DELETE', `/api/v1/links/${link.id}`)).status, 200);
    assert.equal((await analyst.request('DELETE', `/api/v1/links/${link.id}`)).status, 404);
    const events = await suite.vigil.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('record_kind', '=', 'link')
      .where('record_id', '=', link.id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      events.map((e) => e.action),
      ['create', 'delete'],
    );
  });

  it('hides person links from roles that may not read persons', async () => {
    const series = await aSeries(suite, own);
    const victim = await aPerson(suite, 'victim', own);
    const place = await aPlace(suite, own);
    await analyst.post('/api/v1/links', { from: `series:${series}`, to: `victim:${victim}` });
    await analyst.post('/api/v1/links', { from: `series:${series}`, to: `place:${place}` });
    const asAnalyst = await analyst.get(`/api/v1/links?record=series:${series}`);
    assert.deepEqual(asAnalyst.body.items.map((l: { to: { kind: string } }) => l.to.kind).sort(), ['place', 'victim']);
    const asViewer = await viewer.get(`/api/v1/links?record=series:${series}`);
    assert.deepEqual(
      asViewer.body.items.map((l: { to: { kind: string } }) => l.to.kind),
      ['place'],
    );
    assert.equal(asViewer.body.total, 1);
    assert.equal((await viewer.get(`/api/v1/links?record=victim:${victim}`)).status, 403);
  });

  it('tells the series’ agency when an identified victim is linked to its series', async () => {
    const media = await heldMedia(suite, own);
    const theirs = await aSeries(suite, other, { sharedWith: [own], media: [media] });
    const victim = (await analyst.post('/api/v1/victims', { reference: 'link-identified', identified: {} })).body;
    const linked = await analyst.post('/api/v1/links', { from: `victim:${victim.id}`, to: `series:${theirs}` });
    assert.equal(linked.status, 201, JSON.stringify(linked.body));
    const alerts = await suite.vigil.alerts.list(
      { userId: null, agencyId: other, roles: ['viewer'] },
      { limit: 200, offset: 0 },
    );
    const found = alerts.items.filter((a) => a.reason === 'victim_identified' && a.victimId === victim.id);
    assert.deepEqual(
      found.map((a) => [a.about.id, a.fromAgencyId]),
      [[theirs, own]],
    );
  });
});
