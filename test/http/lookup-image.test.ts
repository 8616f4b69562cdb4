/**
 * POST /api/v1/lookup/image on both dialects: an uploaded picture is hashed on the server and
 * found by its digests and its PDQ, also when rotated; it is kept only with keep=true and an
 * exhibit the caller may add to (then ingested like an upload), and a request without a file
 * part says how to send one.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import sharp from 'sharp';
import { blobs } from '../../src/media/synthetic-pictures.js';
import { digestBuffer } from '../../src/signals/crypto/file-digests.js';
import { pdqFromImage } from '../../src/signals/pdq/pdq-image.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { type ApiClient, describeEachServer, type Json } from '../support/http-harness.js';
import { multipartFile } from './lookup-world.js';

async function png(rotate = 0): Promise<Buffer> {
  const px = blobs(320, 240, 7);
  return sharp(Buffer.from(px.data), { raw: { width: px.width, height: px.height, channels: px.channels } })
    .rotate(rotate)
    .png()
    .toBuffer();
}

describeEachServer('image lookups', (suite) => {
  let analyst: ApiClient;
  let viewer: ApiClient;
  let exhibitId = 0;
  let mediaId = 0;
  let picture: Buffer;

  const send = (bytes: Buffer, query = '', client = analyst) => {
    const { payload, headers } = multipartFile(bytes);
    return client.request('POST', `/api/v1/lookup/image${query}`, payload, headers);
  };

  before(async () => {
    const agency = await suite.addAgency('Image lookup unit');
    analyst = await suite.addUser(agency, ['analyst']);
    viewer = await suite.addUser(agency, ['viewer']);
    picture = await png();
    const digests = digestBuffer(picture);
    const pdq = await pdqFromImage(picture);
    const db = suite.vigil.database.db;
    const cases = new CaseRepository(db);
    const kase = await cases.createCase({ agencyId: agency, reference: 'IMG-1', title: 'Image lookups' });
    const exhibit = await cases.createExhibit({ caseId: kase.id, label: 'card 1' });
    exhibitId = exhibit.id;
    const media = new MediaRepository(db, suite.vigil.database.dialect);
    const [stored] = await media.insertMany([
      { ...digests, signals: [{ type: 'pdq', value: pdq.hash, quality: pdq.quality }] },
    ]);
    mediaId = stored.mediaId;
    await media.addSighting({ mediaId, exhibitId: exhibit.id, path: 'DCIM/0001.png' });
    await suite.vigil.pdqIndex.refresh();
  });

  it('hashes the upload and finds the media by every digest and by PDQ', async () => {
    const res = await send(picture);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.sha256, digestBuffer(picture).sha256);
    assert.equal(res.body.kept, false);
    assert.deepEqual(
      res.body.results.map((r: Json) => [r.type, r.matches[0]?.mediaId, r.matches[0]?.kind]),
      [
        ['md5', mediaId, 'exact'],
        ['sha1', mediaId, 'exact'],
        ['sha256', mediaId, 'exact'],
        ['pdq', mediaId, 'exact'],
      ],
    );
  });

  it('finds a rotated copy by PDQ (any rotation or mirror of the upload)', async () => {
    const res = await send(await png(90));
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.results.slice(0, 3).map((r: Json) => r.matches.length),
      [0, 0, 0],
    );
    const pdq = res.body.results[3];
    assert.equal(pdq.matches[0]?.mediaId, mediaId);
    assert.ok(pdq.matches[0].distance <= 31);
  });

  it('stores the image as an upload only when asked, to an exhibit the caller may add to', async () => {
    const res = await send(picture, `?keep=true&exhibitId=${exhibitId}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.kept, true);
    assert.equal(res.body.upload.exhibitId, exhibitId);
    const job = await analyst.get(`/api/v1/jobs/${res.body.upload.jobId}`);
    assert.equal(job.status, 200);
    assert.equal((await send(picture, '?keep=true')).status, 400, 'keep needs an exhibit');
    const viewerRes = await send(picture, `?keep=true&exhibitId=${exhibitId}`, viewer);
    assert.equal(viewerRes.status, 403);
    const plain = await send(picture);
    assert.deepEqual([plain.body.kept, plain.body.upload], [false, null]);
  });

  it('asks for a file part when there is none', async () => {
    const res = await analyst.post('/api/v1/lookup/image', { file: '/etc/hostname' });
    assert.equal(res.status, 400);
    assert.match(res.body.message, /multipart\/form-data/);
  });

  it('says when the upload is not an image', async () => {
    const res = await send(Buffer.from('plain text, not a picture'));
    assert.ok(res.status === 415 || res.status === 422, `got ${res.status}`);
  });
});
