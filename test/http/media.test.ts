/**
 * Media views on both dialects: the media page, the thumbnail (blurred by default, clear only when
 * revealed, greyscale on request) and the original content — each authorised under the media
 * scope, each an audit event written before anything is handed out, none cacheable. Agencies that
 * see a media through a shared series get its page and thumbnails but not its original.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import sharp from 'sharp';
import { LinkRepository } from '../../src/storage/link.repository.js';
import { SeriesRepository } from '../../src/storage/series.repository.js';
import { auditHead, auditTrail } from '../support/audit-trail.js';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';
import { type StoredMedia, storeMedia } from '../support/media-fixture.js';

/** Mean second difference along rows of the grey picture: how much edge detail (text, outlines) it holds. */
async function detail(image: Buffer): Promise<number> {
  const { data, info } = await sharp(image).greyscale().extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  let sum = 0;
  for (let y = 0; y < info.height; y++) {
    for (let x = 1; x < info.width - 1; x++) {
      const i = y * info.width + x;
      sum += Math.abs(data[i - 1] - 2 * data[i] + data[i + 1]);
    }
  }
  return sum / (info.height * (info.width - 2));
}

describeEachServer('media views', (suite) => {
  let holder = 0;
  let viewer: ApiClient & { userId: number };
  let outsider: ApiClient;
  let seriesReader: ApiClient;
  let item: StoredMedia;
  /** GET with the viewer's bearer token, keeping the body as bytes. */
  let bytes: (
    url: string,
    range?: string,
  ) => Promise<{ status: number; body: Buffer; headers: Record<string, unknown> }>;

  before(async () => {
    holder = await suite.addAgency('Media holder unit');
    const other = await suite.addAgency('Media outsider unit');
    const reader = await suite.addAgency('Media series reader unit');
    viewer = await suite.addUser(holder, ['viewer']);
    outsider = await suite.addUser(other, ['analyst']);
    seriesReader = await suite.addUser(reader, ['analyst']);
    item = await storeMedia(suite, holder, { path: '/evidence/holiday/item.png' });
    const actor = viewer.actor;
    assert.ok(actor);
    const key = await suite.vigil.apiKeys.createUserToken(actor, { name: 'bytes' });
    bytes = async (url, range) => {
      const res = await suite.http.server.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${key.token}`, ...(range ? { range } : {}) },
      });
      return { status: res.statusCode, body: res.rawPayload, headers: res.headers };
    };
  });

  it('shows the media page to the holder, with its sightings, audited, never cached', async () => {
    const head = await auditHead(suite);
    const page = await viewer.get(`/api/v1/media/${item.mediaId}`);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.equal(page.body.sha256, item.sha256);
    assert.equal(page.body.thumbnail, true);
    assert.equal(page.body.content, true);
    assert.equal(page.body.sightings.total, 1);
    const [sighting] = page.body.sightings.items;
    assert.equal(sighting.path, '/evidence/holiday/item.png');
    assert.equal(sighting.exhibitLabel, 'disk-1');
    assert.equal(sighting.caseId, item.caseId);
    const events = await auditTrail(suite, { afterSeq: head });
    assert.deepEqual(
      events.map((e) => [e.action, e.recordKind, e.recordId, e.actorUserId]),
      [
        ['view', 'media', item.mediaId, viewer.userId],
        ['view', 'sighting', sighting.id, viewer.userId],
      ],
    );
  });

  it('serves the thumbnail blurred by default, clear only when revealed, each audited', async () => {
    let head = await auditHead(suite);
    const blurred = await bytes(`/api/v1/media/${item.mediaId}/thumbnail`);
    assert.equal(blurred.status, 200);
    assert.equal(blurred.headers['content-type'], 'image/webp');
    assert.equal(blurred.headers['cache-control'], 'no-store');
    const meta = await sharp(blurred.body).metadata();
    assert.deepEqual([meta.width, meta.height], [256, 160], 'the same size as the stored thumbnail');
    const clearDetail = await detail(item.thumbnail);
    const blurredDetail = await detail(blurred.body);
    assert.ok(blurredDetail < clearDetail / 4, `blurred detail ${blurredDetail} vs clear ${clearDetail}`);
    const [viewed] = await auditTrail(suite, { afterSeq: head, recordKind: 'media' });
    assert.deepEqual([viewed.action, viewed.details.part, viewed.details.blurred], ['view', 'thumbnail', true]);

    head = await auditHead(suite);
    const revealed = await bytes(`/api/v1/media/${item.mediaId}/thumbnail?reveal=true`);
    assert.equal(revealed.status, 200);
    assert.ok(revealed.body.equals(item.thumbnail), 'the stored thumbnail, untouched');
    const [reveal] = await auditTrail(suite, { afterSeq: head, recordKind: 'media' });
    assert.deepEqual([reveal.action, reveal.recordId, reveal.details.blurred], ['view-content', item.mediaId, false]);

    for (const url of [`?reveal=true&greyscale=true`, '?greyscale=true']) {
      const grey = await bytes(`/api/v1/media/${item.mediaId}/thumbnail${url}`);
      const { data, info } = await sharp(grey.body).raw().toBuffer({ resolveWithObject: true });
      // WebP stores YUV: a grey picture decodes with its channels within rounding of each other.
      let spread = 0;
      for (let i = 0; i < data.length; i += info.channels) {
        spread = Math.max(spread, Math.abs(data[i] - data[i + 1]), Math.abs(data[i + 1] - data[i + 2]));
      }
      assert.ok(spread <= 3, `${url} is grey (channels differ by ${spread})`);
    }
    assert.equal((await viewer.get(`/api/v1/media/${item.mediaId}/thumbnail?reveal=maybe`)).status, 400);
  });

  it('hands the original to the holding agency only, audited as a view of the content', async () => {
    const head = await auditHead(suite);
    const content = await bytes(`/api/v1/media/${item.mediaId}/content`);
    assert.equal(content.status, 200);
    assert.ok(content.body.equals(item.bytes));
    assert.equal(content.headers['content-type'], 'image/png');
    assert.equal(content.headers['cache-control'], 'no-store');
    assert.match(String(content.headers['content-disposition']), new RegExp(`^attachment; filename="${item.sha256}"$`));
    const [event] = await auditTrail(suite, { afterSeq: head });
    assert.deepEqual([event.action, event.recordKind, event.recordId], ['view-content', 'media', item.mediaId]);

    const hashesOnly = await storeMedia(suite, holder, { content: false });
    const missing = await viewer.get(`/api/v1/media/${hashesOnly.mediaId}/content`);
    assert.equal(missing.status, 404);
    assert.match(missing.body.message, /only the hashes/);
    assert.equal((await viewer.get(`/api/v1/media/${hashesOnly.mediaId}`)).body.content, false);
  });

  it('sends one byte range of the original for a player that seeks, each range audited with its bytes', async () => {
    const url = `/api/v1/media/${item.mediaId}/content`;
    const size = item.bytes.length;
    const full = await bytes(url);
    assert.equal(full.headers['accept-ranges'], 'bytes', 'the whole answer says ranges may be asked for');
    const cases: [string, number, number][] = [
      ['bytes=0-9', 0, 9],
      ['bytes=10-', 10, size - 1],
      ['bytes=-7', size - 7, size - 1],
      [`bytes=5-${size + 100}`, 5, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const head = await auditHead(suite);
      const part = await bytes(url, range);
      assert.equal(part.status, 206, range);
      assert.equal(part.headers['content-range'], `bytes ${start}-${end}/${size}`, range);
      assert.equal(Number(part.headers['content-length']), end - start + 1, range);
      assert.ok(part.body.equals(item.bytes.subarray(start, end + 1)), range);
      const [event] = await auditTrail(suite, { afterSeq: head });
      assert.deepEqual([event.action, event.details.range], ['view-content', `${start}-${end}`], range);
    }
    const head = await auditHead(suite);
    const outside = await bytes(url, `bytes=${size}-`);
    assert.equal(outside.status, 416);
    assert.equal(outside.headers['content-range'], `bytes */${size}`);
    assert.equal(await auditHead(suite), head, 'a refused range is no view');
    const several = await bytes(url, 'bytes=0-1,4-5');
    assert.equal(several.status, 200, 'several ranges: the whole content, as the RFC allows');
    assert.ok(several.body.equals(item.bytes));
  });

  it('answers other agencies as if the media did not exist, and leaves no view event', async () => {
    for (const suffix of ['', '/thumbnail', '/thumbnail?reveal=true', '/content']) {
      const before = await auditHead(suite);
      const res = await outsider.get(`/api/v1/media/${item.mediaId}${suffix}`);
      assert.equal(res.status, 404, suffix);
      assert.equal(res.body.code, 'not-found');
      assert.equal(await auditHead(suite), before);
    }
    const auditor = await suite.addUser(holder, ['auditor']);
    assert.equal((await auditor.get(`/api/v1/media/${item.mediaId}`)).status, 403);
    const partner = await suite.addPartner(holder);
    assert.equal((await partner.get(`/api/v1/media/${item.mediaId}/thumbnail`)).status, 403);
    assert.equal((await viewer.get('/api/v1/media/0')).status, 400);
  });

  it("lets a shared series' readers see the page and thumbnails, not the original or the holder's sightings", async () => {
    const shared = await storeMedia(suite, holder);
    const db = suite.vigil.database.db;
    const series = await new SeriesRepository(db).create({
      agencyId: holder,
      reference: `S-${suite.dialect}`,
      title: 'Shared series',
      sharing: 'all',
    });
    await new LinkRepository(db).create({
      agencyId: holder,
      from: { kind: 'media', id: shared.mediaId },
      to: { kind: 'series', id: series.id },
      relation: 'member',
    });
    const page = await seriesReader.get(`/api/v1/media/${shared.mediaId}`);
    assert.equal(page.status, 200);
    assert.deepEqual(
      page.body.series.map((s: { id: number }) => s.id),
      [series.id],
    );
    assert.equal(page.body.sightings.total, 0, "the holder's sightings stay the holder's");
    assert.equal(page.body.content, false);
    assert.equal((await seriesReader.get(`/api/v1/media/${shared.mediaId}/thumbnail`)).status, 200);
    const head = await auditHead(suite);
    const refused = await seriesReader.get(`/api/v1/media/${shared.mediaId}/content`);
    assert.equal(refused.status, 403);
    assert.match(refused.body.message, /holding/);
    assert.equal(await auditHead(suite), head);
  });
});
