/**
 * An agency's own category of media on both dialects: schemes listed for the keys; an analyst
 * sets, replaces and clears it, audited; the media page shows the caller's agency's category only;
 * an unknown scheme or value is refused naming what exists; a viewer may not categorise; another
 * agency's media is not found.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';
import { storeMedia } from '../support/media-fixture.js';

describeEachServer('media categories', (suite) => {
  let analyst: ApiClient;
  let viewer: ApiClient;
  let outsider: ApiClient;
  let mediaId = 0;

  before(async () => {
    const own = await suite.addAgency('Category unit');
    const other = await suite.addAgency('Category other unit');
    analyst = await suite.addUser(own, ['analyst']);
    viewer = await suite.addUser(own, ['viewer']);
    outsider = await suite.addUser(other, ['analyst']);
    mediaId = (await storeMedia(suite, own)).mediaId;
  });

  const put = (c: ApiClient, category: unknown) => c.request('PUT', `/api/v1/media/${mediaId}/category`, { category });

  it('lists the schemes with their values in order', async () => {
    const schemes = await viewer.get('/api/v1/category-schemes');
    assert.equal(schemes.status, 200);
    const us = schemes.body.items.find((s: { code: string }) => s.code === 'projectvic_us');
    assert.deepEqual(
      us.values.map((v: { code: string }) => v.code),
      ['0', '1', '2', '3', '4'],
    );
  });

  it("sets, replaces and clears the agency's own category, audited, shown on the media page", async () => {
    const set = await put(analyst, { scheme: 'projectvic_us', code: '1' });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.deepEqual([set.body.category.scheme, set.body.category.code], ['projectvic_us', '1']);
    assert.equal((await put(analyst, { scheme: 'uk_caid', code: 'B' })).body.category.code, 'B');
    const page = await viewer.get(`/api/v1/media/${mediaId}`);
    assert.deepEqual(page.body.category, { scheme: 'uk_caid', code: 'B', label: page.body.category.label });
    assert.equal((await put(analyst, null)).body.category, null);
    assert.equal((await viewer.get(`/api/v1/media/${mediaId}`)).body.category, null);
    const events = await suite.vigil.database.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'categorise')
      .where('record_id', '=', mediaId)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      events.map((e) => JSON.parse(e.details).category),
      ['projectvic_us 1', 'uk_caid B', null],
    );
  });

  it('refuses an unknown scheme or value with what exists, a viewer, and another agency', async () => {
    const scheme = await put(analyst, { scheme: 'nope', code: '1' });
    assert.equal(scheme.status, 400);
    assert.match(scheme.body.message, /no category scheme "nope"; known: .*projectvic_us/);
    const value = await put(analyst, { scheme: 'projectvic_us', code: '9' });
    assert.match(value.body.message, /has no category "9"; its values: 0, 1, 2, 3, 4/);
    assert.equal((await put(viewer, { scheme: 'projectvic_us', code: '1' })).status, 403);
    assert.equal((await put(outsider, { scheme: 'projectvic_us', code: '1' })).status, 404);
  });
});
