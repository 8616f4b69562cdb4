/**
 * The exposure counter on both dialects: a person's reveals since a moment, from the audit log —
 * distinct items and reveals in all; blurred views do not count; each person sees only their own;
 * a period in the future or over a month back is refused with the reason.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';
import { type StoredMedia, storeMedia } from '../support/media-fixture.js';

describeEachServer('exposure counter', (suite) => {
  let viewer: ApiClient;
  let colleague: ApiClient;
  let items: StoredMedia[] = [];
  let started = 0;

  before(async () => {
    const agency = await suite.addAgency('Exposure unit');
    viewer = await suite.addUser(agency, ['viewer']);
    colleague = await suite.addUser(agency, ['analyst']);
    items = [await storeMedia(suite, agency), await storeMedia(suite, agency)];
    started = Date.now() - 1;
  });

  it('counts what a person revealed, not what they saw blurred, and only their own', async () => {
    const thumb = (c: ApiClient, id: number, reveal: boolean) =>
      c.get(`/api/v1/media/${id}/thumbnail${reveal ? '?reveal=true' : ''}`);
    assert.equal((await thumb(viewer, items[0].mediaId, false)).status, 200);
    assert.equal((await thumb(viewer, items[0].mediaId, true)).status, 200);
    assert.equal((await thumb(viewer, items[0].mediaId, true)).status, 200);
    assert.equal((await thumb(viewer, items[1].mediaId, true)).status, 200);
    assert.equal((await thumb(colleague, items[1].mediaId, true)).status, 200);

    const mine = await viewer.get(`/api/v1/me/exposure?since=${started}`);
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    assert.deepEqual(mine.body, { items: 2, reveals: 3, since: started });
    assert.deepEqual((await colleague.get(`/api/v1/me/exposure?since=${started}`)).body, {
      items: 1,
      reveals: 1,
      since: started,
    });
    const day = await viewer.get('/api/v1/me/exposure');
    assert.equal(day.body.items, 2, 'the default window (24 h) holds them');
  });

  it('refuses a period in the future or more than a month back, saying so', async () => {
    const ahead = await viewer.get(`/api/v1/me/exposure?since=${Date.now() + 3_600_000}`);
    assert.equal(ahead.status, 400);
    assert.match(ahead.body.message, /last 31 days/);
    assert.equal((await viewer.get(`/api/v1/me/exposure?since=${Date.now() - 40 * 86_400_000}`)).status, 400);
  });
});
