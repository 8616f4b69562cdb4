/**
 * An exhibit's scan results by status and in review order, on both dialects: a status or a comma
 * list keeps the id-order paging; order=review gives new, near-duplicate, known, error, ignorable,
 * each in id order, page after page with a rank:id cursor (with or without a status filter); every
 * page is one audited view naming its results. A page may start at an offset instead, in either
 * order, and its cursor reads on. Bad statuses, orders, offsets, mixed-up cursors and a cursor with
 * an offset get a 400 that says the fix; another agency's exhibit is not found and leaves no audit event.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { ScanFileRepository } from '../../src/storage/scan-file.repository.js';
import { auditHead, auditTrail } from '../support/audit-trail.js';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';

type Row = { id: number; path: string; status: string };

describeEachServer('scan results by status and in review order', (suite) => {
  let viewer: ApiClient;
  let otherAnalyst: ApiClient;
  let exhibitId = 0;
  const base = () => `/api/v1/exhibits/${exhibitId}/scan-results`;

  /** Every page from `query` on, following nextCursor; the pages' rows and cursors. */
  async function readAll(query: string, limit: number): Promise<{ rows: Row[]; cursors: string[] }> {
    const rows: Row[] = [];
    const cursors: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `${base()}?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await viewer.get(url);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      assert.ok(page.body.items.length <= limit);
      rows.push(...page.body.items);
      cursor = page.body.nextCursor;
      if (cursor) cursors.push(cursor);
    } while (cursor);
    return { rows, cursors };
  }

  before(async () => {
    const own = await suite.addAgency('Scan results own unit');
    const other = await suite.addAgency('Scan results other unit');
    const analyst = await suite.addUser(own, ['analyst']);
    viewer = await suite.addUser(own, ['viewer']);
    otherAnalyst = await suite.addUser(other, ['analyst']);
    const created = await analyst.post('/api/v1/cases', { reference: 'SR-1', title: 'Scan result paging' });
    exhibitId = (await analyst.post(`/api/v1/cases/${created.body.id}/exhibits`, { label: 'phone' })).body.id;
    const scans = new ScanFileRepository(suite.vigil.database.db);
    // Finished out of review order, so id order and review order differ.
    const statuses = ['error', 'known', 'new', 'ignorable', 'near-duplicate', 'known', 'new', 'error', 'new'] as const;
    for (const [i, status] of statuses.entries()) {
      await scans.record({
        exhibitId,
        agencyId: own,
        path: `/sr/${i}-${status}.jpg`,
        status,
        reasons: status === 'error' ? ['not an image'] : [],
        mediaId: null,
        sha256: null,
        size: i,
        scannedAt: i,
      });
    }
  });

  it('filters by one status or a comma list, in the order the files finished, page by page', async () => {
    const all = (await readAll('', 4)).rows;
    assert.equal(all.length, 9);
    const idOrder = all.map((r) => r.id);
    assert.deepEqual(
      idOrder,
      [...idOrder].sort((a, b) => a - b),
    );

    const news = await readAll('&status=new', 2);
    assert.deepEqual(
      news.rows.map((r) => r.path),
      ['/sr/2-new.jpg', '/sr/6-new.jpg', '/sr/8-new.jpg'],
    );
    const some = await readAll('&status=known,error', 3);
    assert.deepEqual(
      some.rows.map((r) => r.path),
      ['/sr/0-error.jpg', '/sr/1-known.jpg', '/sr/5-known.jpg', '/sr/7-error.jpg'],
    );
  });

  it('gives review order — new, near-duplicate, known, error, ignorable — with a rank:id cursor, each page audited', async () => {
    const head = await auditHead(suite);
    const { rows, cursors } = await readAll('&order=review', 2);
    assert.deepEqual(
      rows.map((r) => r.path),
      [
        '/sr/2-new.jpg',
        '/sr/6-new.jpg',
        '/sr/8-new.jpg',
        '/sr/4-near-duplicate.jpg',
        '/sr/1-known.jpg',
        '/sr/5-known.jpg',
        '/sr/0-error.jpg',
        '/sr/7-error.jpg',
        '/sr/3-ignorable.jpg',
      ],
    );
    assert.equal(cursors.length, 4, 'five pages of two');
    for (const c of cursors) assert.match(c, /^[0-4]:\d+$/);
    const views = await auditTrail(suite, { afterSeq: head, action: 'view', recordKind: 'exhibit' });
    assert.deepEqual(
      views.map((e) => [e.recordId, e.details.scanResults]),
      [0, 2, 4, 6, 8].map((i) => [exhibitId, rows.slice(i, i + 2).map((r) => r.id)]),
      'one view event per page, naming the results it held',
    );

    const filtered = await readAll('&order=review&status=error,new,known', 2);
    assert.deepEqual(
      filtered.rows.map((r) => r.status),
      ['new', 'new', 'new', 'known', 'known', 'error', 'error'],
    );
    const exact = await readAll('&order=review&status=known', 2);
    assert.deepEqual(
      exact.rows.map((r) => r.path),
      ['/sr/1-known.jpg', '/sr/5-known.jpg'],
    );
    assert.deepEqual(exact.cursors, [], 'a page that ends the list has no next cursor');
  });

  it('starts a page at an offset in either order, with the counts, audited; its cursor reads on', async () => {
    const head = await auditHead(suite);
    const review = (await readAll('&order=review', 9)).rows;
    const at = await viewer.get(`${base()}?limit=2&order=review&status=new,near-duplicate,known&offset=2`);
    assert.equal(at.status, 200, JSON.stringify(at.body));
    assert.deepEqual(
      at.body.items.map((r: Row) => r.path),
      ['/sr/8-new.jpg', '/sr/4-near-duplicate.jpg'],
      'the third and fourth of new, near-duplicate, known',
    );
    assert.deepEqual(at.body.counts, { new: 3, 'near-duplicate': 1, known: 2, error: 2, ignorable: 1 });
    const on = await viewer.get(
      `${base()}?limit=9&order=review&status=new,near-duplicate,known&cursor=${at.body.nextCursor}`,
    );
    assert.deepEqual(
      on.body.items.map((r: Row) => r.path),
      ['/sr/1-known.jpg', '/sr/5-known.jpg'],
    );
    const byId = await viewer.get(`${base()}?limit=3&offset=7`);
    assert.deepEqual(
      byId.body.items.map((r: Row) => r.path),
      ['/sr/7-error.jpg', '/sr/8-new.jpg'],
    );
    assert.equal(byId.body.nextCursor, null);
    const past = await viewer.get(`${base()}?limit=3&order=review&offset=9`);
    assert.deepEqual([past.status, past.body.items, past.body.nextCursor], [200, [], null]);
    const views = await auditTrail(suite, { afterSeq: head, action: 'view', recordKind: 'exhibit' });
    assert.deepEqual(
      views.map((e) => e.details.scanResults),
      [
        review.map((r) => r.id),
        at.body.items.map((r: Row) => r.id),
        on.body.items.map((r: Row) => r.id),
        byId.body.items.map((r: Row) => r.id),
      ],
      'every page with results is one audited view; the empty one is none',
    );
  });

  it('refuses bad statuses, orders and mixed-up cursors with a 400 saying the fix', async () => {
    const review = await viewer.get(`${base()}?limit=2&order=review`);
    const reviewCursor = review.body.nextCursor as string;
    const plain = await viewer.get(`${base()}?limit=2`);
    const idCursor = plain.body.nextCursor as string;
    for (const [query, says] of [
      ['status=bogus', /status/],
      ['status=new,', /status/],
      ['status=NEW', /status/],
      ['order=newest', /order/],
      ['cursor=abc', /cursor/],
      ['cursor=9:1', /cursor/],
      [`cursor=${reviewCursor}`, /order=review/],
      [`order=review&cursor=${idCursor}`, /review-order/],
      ['offset=-1', /offset/],
      ['offset=1.5', /offset/],
      [`order=review&offset=2&cursor=${reviewCursor}`, /either cursor .* or offset/],
      [`offset=2&cursor=${idCursor}`, /either cursor .* or offset/],
    ] as const) {
      const res = await viewer.get(`${base()}?${query}`);
      assert.equal(res.status, 400, `${query}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.code, 'bad-usage');
      assert.match(JSON.stringify(res.body), says, query);
    }
  });

  it("does not find another agency's exhibit, whatever the filter, and records no view", async () => {
    for (const query of ['?status=new', '?order=review', '?order=review&status=known,error']) {
      const before = await auditHead(suite);
      assert.equal((await otherAnalyst.get(`${base()}${query}`)).status, 404, query);
      assert.equal(await auditHead(suite), before);
    }
  });
});
