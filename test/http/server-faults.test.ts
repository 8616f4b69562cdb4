/**
 * Server-side failures as clients see them (issue #7: one problem format, never internals), on
 * both dialects, each forced for real: a damaged thumbnail or media blob (a media blob gone from
 * disk is a plain not-found), and
 * a bulk PDQ lookup after the search worker pool was shut down. Each answers a fixed sentence
 * that says what to do and carries `details.requestId`; none holds a path, a blob address or the
 * underlying error's message.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { before, it } from 'node:test';
import { type ApiClient, type ApiResponse, describeEachServer } from '../support/http-harness.js';
import { storeMedia } from '../support/media-fixture.js';
import { hex, storeMedia as storeHashes } from './lookup-world.js';

const OPERATOR = /tell the hub's operator and quote request (\S+)\.$/;

/** A 5xx problem with a fixed text: the request id quoted, no path, address or inner message. */
function assertFixed(res: ApiResponse, code: string, leaks: readonly string[]): void {
  assert.ok(res.status >= 500, `status ${res.status}`);
  assert.equal(res.body.code, code);
  const quoted = OPERATOR.exec(res.body.message)?.[1];
  assert.ok(quoted, `the message says whom to tell: ${res.body.message}`);
  assert.equal(quoted, res.body.details.requestId);
  const text = JSON.stringify(res.body);
  assert.doesNotMatch(text, /\/(tmp|data|home|work|var)\//, 'no path');
  for (const leak of leaks) assert.ok(!text.includes(leak), `the answer does not hold ${leak}`);
}

describeEachServer(
  'server faults answer fixed text',
  (suite) => {
    let agency: number;
    let viewer: ApiClient;
    let analyst: ApiClient;

    before(async () => {
      agency = await suite.addAgency('Faults unit');
      viewer = await suite.addUser(agency, ['viewer']);
      analyst = await suite.addUser(agency, ['analyst']);
    });

    it('a damaged thumbnail blob: corrupt-blob, without its address or file', async () => {
      const item = await storeMedia(suite, agency);
      const address = createHash('sha256').update(item.thumbnail).digest('hex');
      const file = suite.vigil.blobs.thumbnails.pathOf(address);
      const bytes = readFileSync(file);
      bytes[bytes.length - 5] ^= 0xff;
      writeFileSync(file, bytes);
      const res = await viewer.get(`/api/v1/media/${item.mediaId}/thumbnail`);
      assertFixed(res, 'corrupt-blob', [address, file]);
      assert.match(res.body.message, /^A stored file is damaged, so it was not returned\./);
    });

    it('a damaged media blob read by range: corrupt-blob, without its address or file', async () => {
      const item = await storeMedia(suite, agency);
      const file = suite.vigil.blobs.media.pathOf(item.sha256);
      const bytes = readFileSync(file);
      bytes[bytes.length - 5] ^= 0xff;
      writeFileSync(file, bytes);
      const res = await viewer.request('GET', `/api/v1/media/${item.mediaId}/content`, undefined, {
        range: `bytes=${item.bytes.length - 10}-`,
      });
      assertFixed(res, 'corrupt-blob', [item.sha256, file]);
    });

    it('a media blob gone from disk: not-found, saying only the hashes are held', async () => {
      const item = await storeMedia(suite, agency);
      const file = suite.vigil.blobs.media.pathOf(item.sha256);
      rmSync(file);
      const res = await viewer.get(`/api/v1/media/${item.mediaId}/content`);
      assert.equal(res.status, 404);
      assert.match(res.body.message, /holds only the hashes/);
      for (const leak of [item.sha256, file, 'ENOENT']) assert.ok(!JSON.stringify(res.body).includes(leak), leak);
    });

    it('a bulk lookup after the PDQ search workers were shut down: internal, retry, no worker text', async () => {
      const stored = await storeHashes(suite, agency);
      await suite.vigil.pdqIndex.refresh();
      const signals = Array.from({ length: 300 }, (_, i) => ({ type: 'pdq', value: i === 7 ? stored.pdq : hex(32) }));
      const working = await analyst.post('/api/v1/lookup/bulk', { signals });
      assert.equal(working.status, 200, 'through the pool while it runs');
      assert.equal(working.body.results[7].matches[0]?.mediaId, stored.id);
      await suite.vigil.pdqIndex.close();
      const res = await analyst.post('/api/v1/lookup/bulk', { signals });
      assertFixed(res, 'internal', ['worker', 'pool', 'closed', 'exit']);
      assert.match(res.body.message, /^Something went wrong on the server\. Try again;/);
    });
  },
  { app: { pdq: { threads: 1, poolMinHashes: 1 } } },
);
