/**
 * Series over HTTP on both dialects: create, list by whose, read, change, share with named
 * agencies and with all, media membership limited to media the caller may see; refusals for
 * other agencies' records (404 unseen, 403 seen but not theirs), read-only roles, auditors and
 * partners, and malformed bodies.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';
import { heldMedia } from '../support/hub-records.js';

describeEachServer('series routes', (suite) => {
  let own = 0;
  let other = 0;
  let third = 0;
  let analyst: ApiClient;
  let viewer: ApiClient;
  let otherAnalyst: ApiClient;
  let thirdViewer: ApiClient;

  before(async () => {
    own = await suite.addAgency('Series own unit');
    other = await suite.addAgency('Series other unit');
    third = await suite.addAgency('Series third unit');
    analyst = await suite.addUser(own, ['analyst']);
    viewer = await suite.addUser(own, ['viewer']);
    otherAnalyst = await suite.addUser(other, ['analyst']);
    thirdViewer = await suite.addUser(third, ['viewer']);
  });

  const create = async (client: ApiClient, body: object) => {
    const res = await client.post('/api/v1/series', body);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  };

  it('creates a restricted open series with a category, and reads it back', async () => {
    const s = await create(analyst, {
      reference: 'S-100',
      title: 'Garden series',
      category: { scheme: 'uk_caid', code: 'B' },
    });
    assert.equal(s.agencyId, own);
    assert.equal(s.status, 'open');
    assert.equal(s.sharing, 'restricted');
    assert.deepEqual(s.category, { scheme: 'uk_caid', code: 'B', label: 'Category B' });
    assert.deepEqual([s.mediaCount, s.victims], [0, { total: 0, identified: 0 }]);
    const read = await viewer.get(`/api/v1/series/${s.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.title, 'Garden series');
    const again = await analyst.post('/api/v1/series', { reference: 'S-100', title: 'Same reference' });
    assert.equal(again.status, 409);
  });

  it('refuses bad bodies, unknown categories and writes by read-only roles', async () => {
    assert.equal((await analyst.post('/api/v1/series', { title: 'No reference' })).status, 400);
    assert.equal((await analyst.post('/api/v1/series', { reference: 'x', title: 't', colour: 'red' })).status, 400);
    const unknown = await analyst.post('/api/v1/series', {
      reference: 'S-101',
      title: 'x',
      category: { scheme: 'uk_caid', code: 'Z' },
    });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.message, /no category "Z"/);
    assert.equal((await viewer.post('/api/v1/series', { reference: 'S-102', title: 'x' })).status, 403);
    for (const roles of [['auditor'], ['partner']] as const) {
      const caller = roles[0] === 'partner' ? await suite.addPartner(own) : await suite.addUser(own, [...roles]);
      assert.equal((await caller.get('/api/v1/series')).status, 403, roles[0]);
    }
    const s = await create(analyst, { reference: 'S-103', title: 'x' });
    const empty = await analyst.request('PATCH', `/api/v1/series/${s.id}`, {});
    assert.equal(empty.status, 400);
    const badStatus = await analyst.request('PATCH', `/api/v1/series/${s.id}`, { status: 'archived' });
    assert.equal(badStatus.status, 400);
  });

  it('hides another agency’s restricted series (404) and lists by whose', async () => {
    const mine = await create(analyst, { reference: 'S-200', title: 'Mine' });
    const theirs = await create(otherAnalyst, { reference: 'S-200', title: 'Theirs' });
    assert.equal((await analyst.get(`/api/v1/series/${theirs.id}`)).status, 404);
    assert.equal((await analyst.request('PATCH', `/api/v1/series/${theirs.id}`, { title: 'x' })).status, 404);
    const list = await analyst.get('/api/v1/series?whose=own&limit=200');
    const ids = list.body.items.map((s: { id: number }) => s.id);
    assert.ok(ids.includes(mine.id));
    assert.ok(!ids.includes(theirs.id));
    assert.equal(list.body.total, ids.length);
    const shared = await analyst.get('/api/v1/series?whose=shared');
    assert.ok(!shared.body.items.some((s: { id: number }) => s.id === theirs.id));
    const paged = await analyst.get('/api/v1/series?limit=1&offset=0');
    assert.equal(paged.body.items.length, 1);
    assert.ok(paged.body.total >= 2);
  });

  it('shares with named agencies and with all; only the owner changes or re-shares', async () => {
    const s = await create(otherAnalyst, { reference: 'S-300', title: 'Shared' });
    const named = await otherAnalyst.request('PUT', `/api/v1/series/${s.id}/sharing`, {
      level: 'restricted',
      agencies: [own],
    });
    assert.equal(named.status, 200);
    assert.deepEqual(named.body.sharedWith, [own]);
    const seen = await viewer.get(`/api/v1/series/${s.id}`);
    assert.equal(seen.status, 200);
    assert.deepEqual(seen.body.sharedWith, [], 'only the owner is told who else sees it');
    assert.equal((await thirdViewer.get(`/api/v1/series/${s.id}`)).status, 404);
    const shared = await analyst.get('/api/v1/series?whose=shared&limit=200');
    assert.ok(shared.body.items.some((x: { id: number }) => x.id === s.id));
    assert.equal((await analyst.request('PATCH', `/api/v1/series/${s.id}`, { title: 'Taken' })).status, 403);
    const reshare = await analyst.request('PUT', `/api/v1/series/${s.id}/sharing`, { level: 'all', agencies: [] });
    assert.equal(reshare.status, 403);
    const toAll = await otherAnalyst.request('PUT', `/api/v1/series/${s.id}/sharing`, { level: 'all', agencies: [] });
    assert.equal(toAll.body.sharing, 'all');
    assert.equal((await thirdViewer.get(`/api/v1/series/${s.id}`)).status, 200);
    const noSuchAgency = await otherAnalyst.request('PUT', `/api/v1/series/${s.id}/sharing`, {
      level: 'restricted',
      agencies: [9_999_999],
    });
    assert.equal(noSuchAgency.status, 400);
    const back = await otherAnalyst.request('PUT', `/api/v1/series/${s.id}/sharing`, {
      level: 'restricted',
      agencies: [],
    });
    assert.equal(back.status, 200);
    assert.equal((await thirdViewer.get(`/api/v1/series/${s.id}`)).status, 404);
    assert.equal((await viewer.get(`/api/v1/series/${s.id}`)).status, 404);
  });

  it('changes title, status and category; null removes the category', async () => {
    const s = await create(analyst, {
      reference: 'S-400',
      title: 'Before',
      category: { scheme: 'uk_caid', code: 'A' },
    });
    const changed = await analyst.request('PATCH', `/api/v1/series/${s.id}`, {
      title: 'After',
      status: 'closed',
      category: null,
    });
    assert.equal(changed.status, 200);
    assert.deepEqual([changed.body.title, changed.body.status, changed.body.category], ['After', 'closed', null]);
    const closed = await analyst.get('/api/v1/series?whose=own&status=closed&limit=200');
    assert.ok(closed.body.items.some((x: { id: number }) => x.id === s.id));
  });

  it('adds and removes only media the caller may see', async () => {
    const s = await create(analyst, { reference: 'S-500', title: 'Members' });
    const a = await heldMedia(suite, own);
    const b = await heldMedia(suite, own);
    const foreign = await heldMedia(suite, other);
    const added = await analyst.post(`/api/v1/series/${s.id}/media`, { mediaIds: [a, b, a] });
    assert.deepEqual(added.body, { changed: 2, mediaCount: 2 });
    const again = await analyst.post(`/api/v1/series/${s.id}/media`, { mediaIds: [a] });
    assert.deepEqual(again.body, { changed: 0, mediaCount: 2 });
    const refused = await analyst.post(`/api/v1/series/${s.id}/media`, { mediaIds: [a, foreign] });
    assert.equal(refused.status, 404);
    assert.equal((await analyst.post(`/api/v1/series/${s.id}/media`, { mediaIds: [] })).status, 400);
    assert.equal((await viewer.post(`/api/v1/series/${s.id}/media`, { mediaIds: [a] })).status, 403);
    assert.equal((await otherAnalyst.post(`/api/v1/series/${s.id}/media`, { mediaIds: [foreign] })).status, 404);
    const removed = await analyst.request('DELETE', `/api/v1/series/${s.id}/media`, { mediaIds: [b] });
    assert.deepEqual(removed.body, { changed: 1, mediaCount: 1 });
    assert.equal((await analyst.get(`/api/v1/series/${s.id}`)).body.mediaCount, 1);
  });

  it('lists a series’ media page by page, audited; another agency’s restricted series is not found', async () => {
    const s = await create(analyst, { reference: 'S-550', title: 'Gallery' });
    const ids = [await heldMedia(suite, own), await heldMedia(suite, own), await heldMedia(suite, own)];
    await analyst.post(`/api/v1/series/${s.id}/media`, { mediaIds: ids });
    const first = await viewer.get(`/api/v1/series/${s.id}/media?limit=2`);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual(first.body, { items: ids.slice(0, 2), nextAfter: ids[1] });
    const rest = await viewer.get(`/api/v1/series/${s.id}/media?limit=2&after=${first.body.nextAfter}`);
    assert.deepEqual(rest.body, { items: ids.slice(2), nextAfter: null });
    assert.equal((await otherAnalyst.get(`/api/v1/series/${s.id}/media`)).status, 404);
    const viewed = await suite.vigil.database.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'view')
      .where('record_kind', '=', 'series')
      .where('record_id', '=', s.id)
      .execute();
    assert.equal(viewed.filter((e) => /"part":"media"/.test(e.details)).length, 2);
  });

  it('media of a series shared with all become visible to every agency, so it may add them to its own', async () => {
    const media = await heldMedia(suite, other);
    const theirs = await create(otherAnalyst, { reference: 'S-600', title: 'Open', sharing: 'all' });
    await otherAnalyst.post(`/api/v1/series/${theirs.id}/media`, { mediaIds: [media] });
    const mine = await create(analyst, { reference: 'S-600', title: 'Mine' });
    const added = await analyst.post(`/api/v1/series/${mine.id}/media`, { mediaIds: [media] });
    assert.equal(added.status, 200, JSON.stringify(added.body));
  });

  it('audits every change to a series', async () => {
    const s = await create(analyst, { reference: 'S-700', title: 'Audited' });
    await analyst.request('PATCH', `/api/v1/series/${s.id}`, { title: 'Audited again' });
    await analyst.request('PUT', `/api/v1/series/${s.id}/sharing`, { level: 'all', agencies: [] });
    const events = await suite.vigil.database.db
      .selectFrom('audit_events')
      .select(['action', 'actor_agency_id'])
      .where('record_kind', '=', 'series')
      .where('record_id', '=', s.id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      events.map((e) => e.action),
      ['create', 'update', 'share'],
    );
    assert.ok(events.every((e) => e.actor_agency_id === own));
  });
});
