/**
 * GET /exhibits/:id/camera-serials on both dialects: the serials of an exhibit's scanned files
 * with how many each took, commonest first — what the triage suggests for its camera filter,
 * for the whole exhibit and not only the rows a browser holds. An audited view; another agency's
 * exhibit is not found and leaves no audit event.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { upsertMediaMetadata } from '../../src/storage/media-metadata.repository.js';
import { ScanFileRepository } from '../../src/storage/scan-file.repository.js';
import { auditHead, auditTrail } from '../support/audit-trail.js';
import { fakeMedia } from '../support/fake-media.js';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';

describeEachServer('camera serials of an exhibit', (suite) => {
  let viewer: ApiClient;
  let otherAnalyst: ApiClient;
  let exhibitId = 0;
  let emptyExhibitId = 0;

  before(async () => {
    const own = await suite.addAgency('Camera serials own unit');
    const other = await suite.addAgency('Camera serials other unit');
    const analyst = await suite.addUser(own, ['analyst']);
    viewer = await suite.addUser(own, ['viewer']);
    otherAnalyst = await suite.addUser(other, ['analyst']);
    const created = await analyst.post('/api/v1/cases', { reference: 'CS-1', title: 'Camera serials' });
    exhibitId = (await analyst.post(`/api/v1/cases/${created.body.id}/exhibits`, { label: 'phone' })).body.id;
    emptyExhibitId = (await analyst.post(`/api/v1/cases/${created.body.id}/exhibits`, { label: 'empty' })).body.id;
    const { db, dialect } = suite.vigil.database;
    const media = new MediaRepository(db, dialect);
    const scans = new ScanFileRepository(db);
    // Seven files: SN-B took three, SN-A three, SN-C one; one file has no serial, one an empty one.
    const serials = ['SN-B', 'SN-A', 'SN-B', 'SN-C', 'SN-A', 'SN-B', 'SN-A', null, ''];
    for (const [i, serial] of serials.entries()) {
      const { signals: _s, ...m } = fakeMedia(8800 + i, `camera-serials-${i}`);
      const mediaId = (await media.insert(m)).id;
      if (serial !== null) await upsertMediaMetadata(db, mediaId, { camera_serial: serial, updated_at: 1 });
      const row = { exhibitId, agencyId: own, path: `/cs/${i}.jpg`, status: 'new', reasons: [], mediaId, sha256: null };
      await scans.record({ ...row, size: i, scannedAt: i });
    }
  });

  it('lists every serial with its count, commonest first, as one audited view', async () => {
    const head = await auditHead(suite);
    const res = await viewer.get(`/api/v1/exhibits/${exhibitId}/camera-serials`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, {
      items: [
        { serial: 'SN-A', files: 3 },
        { serial: 'SN-B', files: 3 },
        { serial: 'SN-C', files: 1 },
      ],
      truncated: false,
    });
    const events = await auditTrail(suite, { afterSeq: head });
    assert.deepEqual(
      events.map((e) => [e.action, e.recordKind, e.recordId, e.details]),
      [['view', 'exhibit', exhibitId, { cameraSerials: 3 }]],
    );
  });

  it('answers an exhibit without serials with none, and records no view', async () => {
    const head = await auditHead(suite);
    const res = await viewer.get(`/api/v1/exhibits/${emptyExhibitId}/camera-serials`);
    assert.deepEqual(res.body, { items: [], truncated: false });
    assert.equal(await auditHead(suite), head);
  });

  it("does not find another agency's exhibit and records nothing", async () => {
    const head = await auditHead(suite);
    assert.equal((await otherAnalyst.get(`/api/v1/exhibits/${exhibitId}/camera-serials`)).status, 404);
    assert.equal(await auditHead(suite), head);
  });
});
