/**
 * Places and clues over HTTP on both dialects: recorded and read by their own agency only (another
 * agency's: not found), every read audited (lists too), coordinates as a pair, clues only on media
 * the caller may see, a crop inside the media; viewers read but do not write; auditors and
 * partners see nothing.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';
import { aSeries, heldMedia } from '../support/hub-records.js';

describeEachServer('place and clue routes', (suite) => {
  let own = 0;
  let other = 0;
  let analyst: ApiClient;
  let viewer: ApiClient;
  let otherAnalyst: ApiClient;

  before(async () => {
    own = await suite.addAgency('Places own unit');
    other = await suite.addAgency('Places other unit');
    analyst = await suite.addUser(own, ['analyst']);
    viewer = await suite.addUser(own, ['viewer']);
    otherAnalyst = await suite.addUser(other, ['analyst']);
  });

  const views = async (kind: string, id: number) =>
    (
      await suite.vigil.database.db
        .selectFrom('audit_events')
        .select('seq')
        .where('action', '=', 'view')
        .where('record_kind', '=', kind)
        .where('record_id', '=', id)
        .execute()
    ).length;

  it('records a place with coordinates and reads it back, auditing each read', async () => {
    const created = await analyst.post('/api/v1/places', {
      name: 'Seaside hotel',
      description: 'Room with striped wallpaper',
      countryCode: 'PT',
      latitude: 38.7,
      longitude: -9.14,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;
    assert.deepEqual([created.body.latitude, created.body.longitude, created.body.countryCode], [38.7, -9.14, 'PT']);
    assert.equal(await views('place', id), 0);
    const read = await viewer.get(`/api/v1/places/${id}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.name, 'Seaside hotel');
    assert.equal(await views('place', id), 1);
    const list = await viewer.get('/api/v1/places?limit=200');
    assert.ok(list.body.items.some((p: { id: number }) => p.id === id));
    assert.equal(await views('place', id), 2);
  });

  it('refuses half a coordinate pair, bad codes and ranges, and writes by viewers', async () => {
    assert.equal((await analyst.post('/api/v1/places', { name: 'x', latitude: 10 })).status, 400);
    assert.equal((await analyst.post('/api/v1/places', { name: 'x', latitude: 91, longitude: 0 })).status, 400);
    assert.equal((await analyst.post('/api/v1/places', { name: 'x', countryCode: 'pt' })).status, 400);
    assert.equal((await analyst.post('/api/v1/places', { name: '' })).status, 400);
    assert.equal((await viewer.post('/api/v1/places', { name: 'x' })).status, 403);
    const auditor = await suite.addUser(own, ['auditor']);
    const partner = await suite.addPartner(own);
    for (const caller of [auditor, partner]) {
      assert.equal((await caller.get('/api/v1/places')).status, 403);
      assert.equal((await caller.get('/api/v1/clues/1')).status, 403);
    }
  });

  it('does not show another agency’s place', async () => {
    const theirs = (await otherAnalyst.post('/api/v1/places', { name: 'Their place' })).body;
    assert.equal((await analyst.get(`/api/v1/places/${theirs.id}`)).status, 404);
    const list = await analyst.get('/api/v1/places?limit=200');
    assert.ok(!list.body.items.some((p: { id: number }) => p.id === theirs.id));
    assert.equal(await views('place', theirs.id), 0);
  });

  it('notes clues on a visible media, with a crop inside it, and reads them audited', async () => {
    const media = await heldMedia(suite, own);
    const clue = await analyst.post(`/api/v1/media/${media}/clues`, {
      kind: 'logo',
      description: 'Logo on a mug',
      crop: { x: 10, y: 20, w: 100, h: 50 },
    });
    assert.equal(clue.status, 201, JSON.stringify(clue.body));
    assert.deepEqual(clue.body.crop, { x: 10, y: 20, w: 100, h: 50 });
    const plain = await analyst.post(`/api/v1/media/${media}/clues`, { kind: 'language', description: 'Portuguese' });
    assert.equal(plain.body.crop, null);
    const list = await viewer.get(`/api/v1/media/${media}/clues`);
    assert.deepEqual(
      list.body.items.map((c: { id: number }) => c.id),
      [clue.body.id, plain.body.id],
    );
    assert.equal((await viewer.get(`/api/v1/clues/${clue.body.id}`)).status, 200);
    assert.equal(await views('clue', clue.body.id), 2);
    const outside = await analyst.post(`/api/v1/media/${media}/clues`, {
      kind: 'object',
      description: 'Too wide',
      crop: { x: 600, y: 0, w: 100, h: 10 },
    });
    assert.equal(outside.status, 400);
    assert.match(outside.body.message, /width of 640/);
    const empty = await analyst.post(`/api/v1/media/${media}/clues`, {
      kind: 'object',
      description: 'Empty box',
      crop: { x: 0, y: 0, w: 0, h: 10 },
    });
    assert.equal(empty.status, 400);
    assert.equal((await analyst.post(`/api/v1/media/${media}/clues`, { kind: 'smell', description: 'x' })).status, 400);
  });

  it('keeps clues to media the caller may see and to the agency that noted them', async () => {
    const theirs = await heldMedia(suite, other);
    assert.equal((await analyst.get(`/api/v1/media/${theirs}/clues`)).status, 404);
    assert.equal((await analyst.post(`/api/v1/media/${theirs}/clues`, { kind: 'text', description: 'x' })).status, 404);
    const theirClue = (await otherAnalyst.post(`/api/v1/media/${theirs}/clues`, { kind: 'text', description: 'x' }))
      .body;
    assert.equal((await analyst.get(`/api/v1/clues/${theirClue.id}`)).status, 404);
    // Shared with all, the media becomes visible; their clue on it stays theirs.
    await aSeries(suite, other, { sharing: 'all', media: [theirs] });
    const seen = await analyst.get(`/api/v1/media/${theirs}/clues`);
    assert.equal(seen.status, 200);
    assert.deepEqual(seen.body.items, []);
    const mine = await analyst.post(`/api/v1/media/${theirs}/clues`, { kind: 'sound', description: 'Church bells' });
    assert.equal(mine.status, 201);
  });
});
