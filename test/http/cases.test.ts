/**
 * Cases and exhibits on both dialects: open, page through (newest first, by status and text),
 * rename, close and reopen a case; add and list exhibits; read an exhibit with its sightings and
 * scan results, page by page, each page an audited read. Another agency's records are not found,
 * other roles are refused, malformed bodies get a problem naming the field.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { ScanFileRepository } from '../../src/storage/scan-file.repository.js';
import { auditHead, auditTrail } from '../support/audit-trail.js';
import { fakeMedia } from '../support/fake-media.js';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';

describeEachServer('cases and exhibits', (suite) => {
  let own = 0;
  let other = 0;
  let analyst: ApiClient & { userId: number };
  let viewer: ApiClient;
  let otherAnalyst: ApiClient;

  before(async () => {
    own = await suite.addAgency('Cases own unit');
    other = await suite.addAgency('Cases other unit');
    analyst = await suite.addUser(own, ['analyst']);
    viewer = await suite.addUser(own, ['viewer']);
    otherAnalyst = await suite.addUser(other, ['analyst']);
  });

  it('opens cases and pages through them newest first, by status and by text', async () => {
    const ids: number[] = [];
    for (const [reference, title] of [
      ['2026/001', 'Harbour warehouse'],
      ['2026/002', 'Forum 100% match'],
      ['2026/003', 'School photographs'],
      ['2026/004', 'Harbour follow-up'],
      ['2026/005', 'Cloud account'],
    ]) {
      const created = await analyst.post('/api/v1/cases', { reference, title });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.agencyId, own);
      ids.push(created.body.id);
    }
    await otherAnalyst.post('/api/v1/cases', { reference: '2026/999', title: 'Harbour elsewhere' });

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/cases?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await viewer.get(url);
      assert.equal(page.status, 200);
      assert.ok(page.body.items.length <= 2);
      seen.push(...page.body.items.map((c: { id: number }) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [...ids].reverse(), 'every own case once, newest first, no other agency’s');

    const harbour = await viewer.get('/api/v1/cases?q=HARBOUR');
    assert.deepEqual(
      harbour.body.items.map((c: { reference: string }) => c.reference),
      ['2026/004', '2026/001'],
    );
    const percent = await viewer.get(`/api/v1/cases?q=${encodeURIComponent('100%')}`);
    assert.deepEqual(
      percent.body.items.map((c: { reference: string }) => c.reference),
      ['2026/002'],
    );
    assert.equal((await viewer.get('/api/v1/cases?q=h%25r')).body.items.length, 0, '% is literal, not a wildcard');

    assert.equal((await analyst.request('PATCH', `/api/v1/cases/${ids[0]}`, { closed: true })).status, 200);
    const closed = await viewer.get('/api/v1/cases?status=closed');
    assert.deepEqual(
      closed.body.items.map((c: { id: number }) => c.id),
      [ids[0]],
    );
    const open = await viewer.get('/api/v1/cases?status=open&limit=200');
    assert.ok(!open.body.items.some((c: { id: number }) => c.id === ids[0]));
    assert.equal((await viewer.get('/api/v1/cases?cursor=abc')).status, 400);
    assert.equal((await viewer.get('/api/v1/cases?limit=0')).status, 400);
  });

  it('refuses duplicates, malformed bodies, other roles and other agencies', async () => {
    const body = { reference: 'DUP-1', title: 'First' };
    assert.equal((await analyst.post('/api/v1/cases', body)).status, 201);
    assert.equal((await analyst.post('/api/v1/cases', body)).status, 409);
    const blank = await analyst.post('/api/v1/cases', { reference: 'X', title: '   ' });
    assert.equal(blank.status, 400);
    assert.match(blank.body.message, /title/);
    assert.equal((await analyst.post('/api/v1/cases', { reference: 'X', title: 'T', agencyId: 1 })).status, 400);
    assert.equal((await viewer.post('/api/v1/cases', { reference: 'V-1', title: 'By a viewer' })).status, 403);
    const auditor = await suite.addUser(own, ['auditor']);
    assert.equal((await auditor.get('/api/v1/cases')).status, 403);

    const theirs = await otherAnalyst.post('/api/v1/cases', { reference: 'THEIRS-1', title: 'Theirs' });
    const id = theirs.body.id;
    assert.equal((await analyst.get(`/api/v1/cases/${id}`)).status, 404);
    assert.equal((await analyst.request('PATCH', `/api/v1/cases/${id}`, { title: 'Mine now' })).status, 404);
    assert.equal((await analyst.get(`/api/v1/cases/${id}/exhibits`)).status, 404);
    assert.equal((await analyst.post(`/api/v1/cases/${id}/exhibits`, { label: 'x' })).status, 404);
    assert.equal((await otherAnalyst.get(`/api/v1/cases/${id}`)).body.title, 'Theirs', 'unchanged');
  });

  it('renames, closes and reopens a case, audited; a closed case takes no exhibits', async () => {
    const created = await analyst.post('/api/v1/cases', { reference: 'LIFE-1', title: 'Before' });
    const id = created.body.id;
    const head = await auditHead(suite);
    const renamed = await analyst.request('PATCH', `/api/v1/cases/${id}`, { title: 'After', closed: true });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.title, 'After');
    assert.ok(renamed.body.closedAt > 0);
    const refused = await analyst.post(`/api/v1/cases/${id}/exhibits`, { label: 'phone-1' });
    assert.equal(refused.status, 409);
    assert.match(refused.body.message, /reopen/);
    const reopened = await analyst.request('PATCH', `/api/v1/cases/${id}`, { closed: false });
    assert.equal(reopened.body.closedAt, null);
    const exhibit = await analyst.post(`/api/v1/cases/${id}/exhibits`, { label: 'phone-1', kind: 'device' });
    assert.equal(exhibit.status, 201);
    assert.equal((await analyst.post(`/api/v1/cases/${id}/exhibits`, { label: 'phone-1' })).status, 409);
    assert.equal((await viewer.post(`/api/v1/cases/${id}/exhibits`, { label: 'phone-2' })).status, 403);
    const events = await auditTrail(suite, { afterSeq: head });
    assert.deepEqual(
      events.map((e) => [e.action, e.recordKind, e.details.closed ?? null]),
      [
        ['update', 'case', true],
        ['update', 'case', false],
        ['create', 'exhibit', null],
      ],
    );
    assert.equal((await analyst.request('PATCH', `/api/v1/cases/${id}`, {})).status, 400);
  });

  it('reads an exhibit with its sightings and scan results, every page audited', async () => {
    const created = await analyst.post('/api/v1/cases', { reference: 'EXH-1', title: 'Exhibit reading' });
    const exhibit = (await analyst.post(`/api/v1/cases/${created.body.id}/exhibits`, { label: 'disk-1' })).body;
    const db = suite.vigil.database.db;
    const media = new MediaRepository(db, suite.dialect);
    const scans = new ScanFileRepository(db);
    for (let i = 0; i < 3; i++) {
      const { signals: _s, ...m } = fakeMedia(i, `exhibit-${suite.dialect}`);
      const row = await media.insert(m);
      await media.addSighting({ mediaId: row.id, exhibitId: exhibit.id, path: `/evidence/img-${i}.jpg` });
      await scans.record({
        exhibitId: exhibit.id,
        agencyId: own,
        path: `/evidence/img-${i}.jpg`,
        status: 'new',
        reasons: [],
        mediaId: row.id,
        sha256: row.sha256,
        size: row.size,
        scannedAt: 1,
      });
    }
    await scans.record({
      exhibitId: exhibit.id,
      agencyId: own,
      path: '/evidence/broken.jpg',
      status: 'error',
      reasons: ['truncated image'],
      mediaId: null,
      sha256: null,
      size: null,
      scannedAt: 2,
    });

    const listed = await viewer.get(`/api/v1/cases/${created.body.id}/exhibits`);
    assert.deepEqual(
      listed.body.items.map((e: { label: string; sightings: number; scanResults: number }) => [
        e.label,
        e.sightings,
        e.scanResults,
      ]),
      [['disk-1', 3, 4]],
    );
    assert.equal((await viewer.get(`/api/v1/cases/${created.body.id}`)).body.media, 3);

    const head = await auditHead(suite);
    const read = await viewer.get(`/api/v1/exhibits/${exhibit.id}?limit=2`);
    assert.equal(read.status, 200);
    assert.equal(read.body.case.reference, 'EXH-1');
    assert.equal(read.body.sightingCount, 3);
    assert.deepEqual(read.body.scanStatus, { new: 3, error: 1 });
    assert.deepEqual(
      read.body.sightings.items.map((s: { path: string }) => s.path),
      ['/evidence/img-0.jpg', '/evidence/img-1.jpg'],
    );
    assert.equal(read.body.scanResults.items.length, 2);
    const views = await auditTrail(suite, { afterSeq: head, action: 'view' });
    assert.deepEqual(
      views.filter((e) => e.recordKind === 'sighting').map((e) => e.recordId),
      read.body.sightings.items.map((s: { id: number }) => s.id),
    );
    const exhibitView = views.find((e) => e.recordKind === 'exhibit');
    assert.deepEqual(
      exhibitView?.details.scanResults,
      read.body.scanResults.items.map((s: { id: number }) => s.id),
    );

    const head2 = await auditHead(suite);
    const next = await viewer.get(
      `/api/v1/exhibits/${exhibit.id}/sightings?limit=2&cursor=${read.body.sightings.nextCursor}`,
    );
    assert.deepEqual(
      next.body.items.map((s: { path: string }) => s.path),
      ['/evidence/img-2.jpg'],
    );
    assert.equal(next.body.nextCursor, null);
    const nextViews = await auditTrail(suite, { afterSeq: head2, recordKind: 'sighting' });
    assert.deepEqual(
      nextViews.map((e) => [e.action, e.recordId, e.actorAgencyId]),
      [['view', next.body.items[0].id, own]],
    );

    const scanNext = await viewer.get(
      `/api/v1/exhibits/${exhibit.id}/scan-results?limit=2&cursor=${read.body.scanResults.nextCursor}`,
    );
    assert.deepEqual(
      scanNext.body.items.map((s: { status: string; reasons: string[] }) => [s.status, s.reasons]),
      [
        ['new', []],
        ['error', ['truncated image']],
      ],
    );

    for (const url of [
      `/api/v1/exhibits/${exhibit.id}`,
      `/api/v1/exhibits/${exhibit.id}/sightings`,
      `/api/v1/exhibits/${exhibit.id}/scan-results`,
    ]) {
      const before = await auditHead(suite);
      assert.equal((await otherAnalyst.get(url)).status, 404, url);
      assert.equal(await auditHead(suite), before, 'a refused read leaves no view event');
    }
    const auditor = await suite.addUser(own, ['auditor']);
    assert.equal((await auditor.get(`/api/v1/exhibits/${exhibit.id}`)).status, 403);
  });

  it('gives each scan result what the triage filters by: camera serial, capture time, GPS, own category', async () => {
    const created = await analyst.post('/api/v1/cases', { reference: 'EXH-F', title: 'Triage facts' });
    const exhibit = (await analyst.post(`/api/v1/cases/${created.body.id}/exhibits`, { label: 'phone-f' })).body;
    const db = suite.vigil.database.db;
    const media = new MediaRepository(db, suite.dialect);
    const scans = new ScanFileRepository(db);
    const ids: number[] = [];
    for (let i = 0; i < 2; i++) {
      const { signals: _s, ...m } = fakeMedia(i, `facts-${suite.dialect}`);
      const row = await media.insert(m);
      ids.push(row.id);
      await media.addSighting({ mediaId: row.id, exhibitId: exhibit.id, path: `/f/${i}.jpg` });
      const scan = { exhibitId: exhibit.id, agencyId: own, path: `/f/${i}.jpg`, status: 'new' as const };
      await scans.record({ ...scan, reasons: [], mediaId: row.id, sha256: row.sha256, size: row.size, scannedAt: 1 });
    }
    await db
      .insertInto('media_metadata')
      .values({
        media_id: ids[0],
        camera_serial: 'SN-F-1',
        taken_at_local: '2024-05-01T12:34:56',
        gps_latitude: 59.9,
        gps_longitude: 10.7,
        updated_at: 1,
      })
      .execute();
    const set = await analyst.request('PUT', `/api/v1/media/${ids[0]}/category`, {
      category: { scheme: 'projectvic_us', code: '2' },
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    // Another agency's category of the second item is not this agency's: not shown.
    const value = await db.selectFrom('category_values').select('id').executeTakeFirstOrThrow();
    await db
      .insertInto('media_categories')
      .values({ agency_id: other, media_id: ids[1], category_value_id: value.id, set_by: null, set_at: 1 })
      .execute();
    const page = (await viewer.get(`/api/v1/exhibits/${exhibit.id}/scan-results?limit=10`)).body;
    type Row = { cameraSerial: string | null; takenAtLocal: string | null; hasGps: boolean; category: unknown };
    const facts = page.items.map((r: Row) => [r.cameraSerial, r.takenAtLocal, r.hasGps, r.category]);
    const label = page.items[0].category?.label;
    assert.ok(typeof label === 'string' && label.length > 0, 'the category has its label');
    assert.deepEqual(facts, [
      ['SN-F-1', '2024-05-01T12:34:56', true, { code: '2', label }],
      [null, null, false, null],
    ]);
  });
});
