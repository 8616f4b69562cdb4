/**
 * The scan-results route's narrowing filters (issue #9), on both dialects: category, camera
 * serial, capture days and GPS reach the hub's query; the first page counts, by status, what the
 * filters keep and later pages do not; every page is one audited view of the results it holds.
 * Malformed values get a 400 naming the parameter; another agency's exhibit is not found, filters
 * or not, and leaves no audit event.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { MAX_TEXT } from '../../src/media/media-metadata.js';
import { CategoryRepository } from '../../src/storage/category.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { MediaCategoryRepository } from '../../src/storage/media-category.repository.js';
import { upsertMediaMetadata } from '../../src/storage/media-metadata.repository.js';
import { ScanFileRepository } from '../../src/storage/scan-file.repository.js';
import { auditHead, auditTrail } from '../support/audit-trail.js';
import { fakeMedia } from '../support/fake-media.js';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';

const LONG_SERIAL = `SN-${'7'.repeat(MAX_TEXT - 3)}`;

describeEachServer('scan results narrowed by the hub', (suite) => {
  let viewer: ApiClient;
  let otherAnalyst: ApiClient;
  let exhibitId = 0;
  const base = () => `/api/v1/exhibits/${exhibitId}/scan-results`;

  before(async () => {
    const own = await suite.addAgency('Scan filters own unit');
    const other = await suite.addAgency('Scan filters other unit');
    const analyst = await suite.addUser(own, ['analyst']);
    viewer = await suite.addUser(own, ['viewer']);
    otherAnalyst = await suite.addUser(other, ['analyst']);
    const created = await analyst.post('/api/v1/cases', { reference: 'SF-1', title: 'Scan result filters' });
    exhibitId = (await analyst.post(`/api/v1/cases/${created.body.id}/exhibits`, { label: 'card' })).body.id;
    const { db, dialect } = suite.vigil.database;
    const media = new MediaRepository(db, dialect);
    const scans = new ScanFileRepository(db);
    const two = (await new CategoryRepository(db).findValue('projectvic_us', '2'))?.id ?? null;
    // Six files: the camera SN-R1 took 1 (new) and 4 (known), in May 2024 with GPS; 4 is categorised 2.
    // File 5's serial is as long as metadata keeps one (MAX_TEXT), the others SN-R2.
    for (let i = 0; i < 6; i++) {
      const { signals: _s, ...m } = fakeMedia(7700 + i, `scan-filter-route-${i}`);
      const mediaId = (await media.insert(m)).id;
      const mine = i === 1 || i === 4;
      await upsertMediaMetadata(db, mediaId, {
        camera_serial: mine ? 'SN-R1' : i === 5 ? LONG_SERIAL : 'SN-R2',
        taken_at_local: mine ? `2024-05-0${i}T10:00:00` : '2023-01-01T10:00:00',
        gps_latitude: mine ? 1 : null,
        gps_longitude: mine ? 1 : null,
        updated_at: 1,
      });
      if (i === 4) await new MediaCategoryRepository(db).set(own, mediaId, two, null, 1);
      const status = i === 4 ? 'known' : 'new';
      const row = { exhibitId, agencyId: own, path: `/sf/${i}.jpg`, status, reasons: [], mediaId, sha256: null };
      await scans.record({ ...row, size: i, scannedAt: i });
    }
  });

  it('narrows every page and counts what the filters keep on the first, each page audited', async () => {
    const head = await auditHead(suite);
    const query = 'cameraSerial=SN-R1&gps=with&capturedFrom=2024-05-01&capturedTo=2024-05-04&order=review&limit=1';
    const first = await viewer.get(`${base()}?${query}`);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual(
      first.body.items.map((r: { path: string }) => r.path),
      ['/sf/1.jpg'],
    );
    assert.deepEqual(first.body.counts, { new: 1, known: 1 });
    const second = await viewer.get(`${base()}?${query}&cursor=${first.body.nextCursor}`);
    assert.deepEqual(
      second.body.items.map((r: { path: string; category: { code: string } }) => [r.path, r.category.code]),
      [['/sf/4.jpg', '2']],
    );
    assert.equal(second.body.nextCursor, null);
    assert.equal(second.body.counts, undefined, 'counts come with the first page only');
    const views = await auditTrail(suite, { afterSeq: head, action: 'view', recordKind: 'exhibit' });
    assert.deepEqual(
      views.map((e) => e.details.scanResults),
      [[first.body.items[0].id], [second.body.items[0].id]],
    );

    const categorised = await viewer.get(`${base()}?category=projectvic_us:2`);
    assert.deepEqual(
      categorised.body.items.map((r: { path: string }) => r.path),
      ['/sf/4.jpg'],
    );
    const none = await viewer.get(`${base()}?category=none&status=new`);
    assert.equal(none.body.items.length, 5);
    assert.deepEqual(none.body.counts, { new: 5 }, 'counts by status whatever status is asked');
    const long = await viewer.get(`${base()}?cameraSerial=${LONG_SERIAL}`);
    assert.equal(long.status, 200, 'a serial as long as metadata keeps can be asked for');
    assert.deepEqual(
      long.body.items.map((r: { path: string }) => r.path),
      ['/sf/5.jpg'],
    );
    const empty = await viewer.get(`${base()}?cameraSerial=SN-R9`);
    assert.deepEqual([empty.body.items, empty.body.counts], [[], {}]);
  });

  it('refuses malformed filters with a 400 naming the parameter', async () => {
    for (const [query, says] of [
      ['gps=yes', /gps/],
      ['capturedFrom=2024-5-1', /capturedFrom/],
      ['capturedFrom=2024-02-30', /capturedFrom 2024-02-30 is not a calendar day/],
      ['capturedTo=yesterday', /capturedTo/],
      ['capturedFrom=2024-05-02&capturedTo=2024-05-01', /capturedFrom 2024-05-02 is after capturedTo/],
      ['cameraSerial=', /cameraSerial/],
      [`cameraSerial=${'x'.repeat(MAX_TEXT + 1)}`, /cameraSerial/],
      ['category=', /category/],
      ['category=a,b', /category/],
      ['category=Project%20VIC:1', /category/],
      ['category=projectvic_us:', /category/],
      ['camera=SN-R1', /camera/],
    ] as const) {
      const res = await viewer.get(`${base()}?${query}`);
      assert.equal(res.status, 400, `${query}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.code, 'bad-usage');
      assert.match(JSON.stringify(res.body), says, query);
    }
  });

  it("does not find another agency's exhibit, whatever the filter, and records no view", async () => {
    for (const query of ['?cameraSerial=SN-R1', '?gps=with&order=review', '?category=none']) {
      const before = await auditHead(suite);
      assert.equal((await otherAnalyst.get(`${base()}${query}`)).status, 404, query);
      assert.equal(await auditHead(suite), before);
    }
  });
});
