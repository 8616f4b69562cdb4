/**
 * Resumable uploads (issues #7, #9) on both dialects, through the real API: a file sent in three
 * chunks is stored and enqueued exactly as a one-shot upload of it (same hashes, one job, one
 * audit event); a chunk at the wrong offset is refused with the offset; a chunk cut off on a real
 * socket keeps what arrived and the resume completes; sessions are the opener's only; sizes past
 * the declared size or the upload limit are refused with 413 and the reason; a restarted server
 * resumes from the table, and stale sessions are swept with their partial files.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { UploadSessionService } from '../../src/services/upload-session.service.js';
import { BLOB_KEY_FILE_NAME, loadBlobKey } from '../../src/storage/blob-key.js';
import { partialKey, SealedPartial } from '../../src/storage/sealed-partial.js';
import { anExhibit, sha256, upload } from '../jobs/upload-fixtures.js';
import { type ApiClient, describeEachServer, type Json } from '../support/http-harness.js';

const LIMIT = 512 * 1024;
const OCTETS = 'application/octet-stream';

function put(client: ApiClient, id: string, data: Buffer, start: number, total: number, body: Buffer = data) {
  return client.request('PUT', `/api/v1/upload-sessions/${id}`, body, {
    'content-type': OCTETS,
    'content-range': `bytes ${start}-${start + data.length - 1}/${total}`,
  });
}

async function openSession(client: ApiClient, exhibitId: number, name: string, size: number): Promise<string> {
  const opened = await client.post(`/api/v1/exhibits/${exhibitId}/upload-sessions`, { name, size });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  assert.equal(opened.body.offset, 0);
  assert.equal(opened.body.upload, null);
  return opened.body.id;
}

describeEachServer(
  'resumable upload sessions',
  (suite) => {
    describe('chunks, offsets, owners and limits', () => {
      let agencyA = 0;
      let analyst: ApiClient & { userId: number };
      let colleague: ApiClient;
      let stranger: ApiClient;
      let exhibit = 0;
      let dir = '';
      /** The hub's install key (`<data>/blob.key`; the partial files live in `<data>/tmp/uploads`). */
      const installKey = () => loadBlobKey(join(dir, '..', '..', BLOB_KEY_FILE_NAME));
      before(async () => {
        agencyA = await suite.addAgency('Session unit A', 'NL');
        const agencyB = await suite.addAgency('Session unit B', 'BE');
        analyst = await suite.addUser(agencyA, ['analyst']);
        colleague = await suite.addUser(agencyA, ['analyst']);
        stranger = await suite.addUser(agencyB, ['analyst']);
        exhibit = await anExhibit(suite, agencyA);
        dir = suite.vigil.uploadSessions.dir;
      });

      it('stores a file sent in three chunks exactly as a one-shot upload, enqueued once', async () => {
        const data = randomBytes(300_000);
        const id = await openSession(analyst, exhibit, 'phone/DCIM/../chunked.bin', data.length);
        const cuts = [0, 100_000, 200_000, data.length];
        let last: Json;
        for (let i = 0; i < 3; i++) {
          last = await put(analyst, id, data.subarray(cuts[i], cuts[i + 1]), cuts[i], data.length);
          assert.equal(last.status, i < 2 ? 200 : 202, JSON.stringify(last.body));
          assert.equal(last.body.offset, cuts[i + 1]);
          assert.equal(last.headers['upload-offset'], String(cuts[i + 1]));
        }
        const done = last.body.upload;
        assert.equal(done.sha256, sha256(data));
        assert.equal(last.body.name, 'phone/DCIM/chunked.bin');
        assert.ok(!existsSync(join(dir, `${id}.part`)), 'the partial file is deleted on completion');

        const oneShot = await upload(analyst, exhibit, [{ name: 'whole.bin', data }]);
        assert.equal(oneShot.status, 202, JSON.stringify(oneShot.body));
        const [chunked, whole] = await Promise.all([
          analyst.get(`/api/v1/jobs/${done.jobId}`),
          analyst.get(`/api/v1/jobs/${oneShot.body.jobs[0].id}`),
        ]);
        assert.equal(chunked.status, 200, JSON.stringify(chunked.body));
        assert.deepEqual(chunked.body.file, whole.body.file, 'same size, SHA-256, MD5 and SHA-1');
        assert.equal(chunked.body.kind, 'ingest');
        assert.equal(chunked.body.batch.id, done.batch);
        assert.equal(chunked.body.batch.total, 1);
        assert.ok(await suite.vigil.blobs.media.has(done.sha256));

        // The last chunk again (its answer lost, say): refused, still one job, and GET tells the job.
        const again = await put(analyst, id, data.subarray(200_000), 200_000, data.length);
        assert.equal(again.status, 409);
        assert.equal(again.body.details.jobId, done.jobId);
        const state = await analyst.get(`/api/v1/upload-sessions/${id}`);
        assert.deepEqual(state.body.upload, done);
        const jobs = await suite.vigil.database.db
          .selectFrom('jobs')
          .select('id')
          .where('batch', '=', done.batch)
          .execute();
        assert.equal(jobs.length, 1);
        const audit = await suite.vigil.database.db
          .selectFrom('audit_events')
          .select('details')
          .where('action', '=', 'upload')
          .where('record_id', '=', exhibit)
          .execute();
        assert.equal(audit.filter((a) => String(a.details).includes(done.batch)).length, 1);
      });

      it('refuses a chunk at the wrong offset with 409 and the offset to resume from', async () => {
        const data = randomBytes(1_000);
        const id = await openSession(analyst, exhibit, 'offsets.bin', data.length);
        const ahead = await put(analyst, id, data.subarray(500), 500, data.length);
        assert.equal(ahead.status, 409);
        assert.equal(ahead.body.details.offset, 0);
        assert.match(ahead.body.message, /holds 0 bytes: send the chunk that starts there/);
        assert.equal((await put(analyst, id, data.subarray(0, 400), 0, data.length)).status, 200);
        const repeat = await put(analyst, id, data.subarray(0, 400), 0, data.length);
        assert.equal(repeat.status, 409);
        assert.equal(repeat.body.details.offset, 400);
        const head = await analyst.request('HEAD', `/api/v1/upload-sessions/${id}`);
        assert.equal(head.status, 200);
        assert.equal(head.headers['upload-offset'], '400');
        assert.equal((await put(analyst, id, data.subarray(400), 400, data.length)).status, 202);
      });

      it('keeps what arrived before a chunk was cut off mid-request, and the resume completes', async () => {
        const data = randomBytes(200_000);
        const id = await openSession(analyst, exhibit, 'cut.bin', data.length);
        const token = await suite.vigil.apiKeys.createUserToken(
          { userId: analyst.userId, agencyId: agencyA, roles: ['analyst'] },
          { name: 'socket' },
        );
        const address = await suite.http.server.listen({ port: 0, host: '127.0.0.1' });
        const { port } = new URL(address);
        const sentBytes = 70_000;
        await new Promise<void>((resolve, reject) => {
          const socket = connect(Number(port), '127.0.0.1', () => {
            socket.write(
              `PUT /api/v1/upload-sessions/${id} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
                `Authorization: Bearer ${token.token}\r\nContent-Type: ${OCTETS}\r\n` +
                `Content-Range: bytes 0-${data.length - 1}/${data.length}\r\nContent-Length: ${data.length}\r\n\r\n`,
            );
            // Half a request's worth, then the connection ends: the server sees a body cut short.
            socket.end(data.subarray(0, sentBytes));
          });
          socket.on('error', reject);
          socket.on('close', () => resolve());
          socket.resume();
        });
        // The offset moves once, when the cut-off chunk's handler has fsynced what it took in.
        let offset = 0;
        for (let i = 0; i < 100 && offset === 0; i++) {
          await new Promise((r) => setTimeout(r, 50));
          offset = (await analyst.get(`/api/v1/upload-sessions/${id}`)).body.offset;
        }
        assert.ok(offset > 0 && offset <= sentBytes, `kept ${offset} of the ${sentBytes} bytes sent`);
        const partial = statSync(join(dir, `${id}.part`));
        assert.equal(partial.mode & 0o777, 0o600);
        const sealed = new SealedPartial(partialKey(installKey(), id), id, join(dir, `${id}.part`));
        const kept: Buffer[] = [];
        for await (const part of sealed.plaintext()) kept.push(part);
        assert.deepEqual(Buffer.concat(kept), data.subarray(0, offset), 'the offset is exactly what is on disk');
        assert.equal(
          readFileSync(join(dir, `${id}.part`)).indexOf(data.subarray(0, 32)),
          -1,
          'the partial file is encrypted at rest',
        );
        let rest = await put(analyst, id, data.subarray(offset), offset, data.length);
        for (let i = 0; i < 20 && rest.status === 409 && /Another upload is writing/.test(rest.body.message); i++) {
          await new Promise((r) => setTimeout(r, 25));
          rest = await put(analyst, id, data.subarray(offset), offset, data.length);
        }
        assert.equal(rest.status, 202, JSON.stringify(rest.body));
        assert.equal(rest.body.upload.sha256, sha256(data));
      });

      it('is the opener’s only: another agency and another user of the same agency get 404', async () => {
        const data = randomBytes(100);
        const id = await openSession(analyst, exhibit, 'mine.bin', data.length);
        for (const other of [stranger, colleague]) {
          assert.equal((await other.get(`/api/v1/upload-sessions/${id}`)).status, 404);
          assert.equal((await put(other, id, data, 0, data.length)).status, 404);
        }
        const theirExhibit = await stranger.post(`/api/v1/exhibits/${exhibit}/upload-sessions`, {
          name: 'x.bin',
          size: 1,
        });
        assert.equal(theirExhibit.status, 404);
        assert.equal((await analyst.get(`/api/v1/upload-sessions/${id}`)).body.offset, 0);
      });

      it('refuses sizes past the upload limit or the declared size with 413 and the reason', async () => {
        const big = await analyst.post(`/api/v1/exhibits/${exhibit}/upload-sessions`, {
          name: 'big.bin',
          size: LIMIT + 1,
        });
        assert.equal(big.status, 413);
        assert.match(big.body.message, /larger than the upload limit of 512 KiB/);
        assert.equal(big.body.details.limitBytes, LIMIT);

        const data = randomBytes(1_000);
        const id = await openSession(analyst, exhibit, 'sized.bin', data.length);
        const grown = await put(analyst, id, randomBytes(2_000), 0, 2_000);
        assert.equal(grown.status, 413);
        assert.match(grown.body.message, /the session was opened for 1000/);
        const longer = await put(analyst, id, data.subarray(0, 100), 0, data.length, data.subarray(0, 300));
        assert.equal(longer.status, 413);
        assert.match(longer.body.message, /more than the 100 bytes its Content-Range says/);
        assert.equal((await analyst.get(`/api/v1/upload-sessions/${id}`)).body.offset, 100);
        const bad = await analyst.request('PUT', `/api/v1/upload-sessions/${id}`, data, {
          'content-type': OCTETS,
          'content-range': 'bytes 900-100/1000',
        });
        assert.equal(bad.status, 400);
      });

      it('resumes after a restart from the table, and sweeps stale sessions with their files', async () => {
        const data = randomBytes(1_000);
        const id = await openSession(analyst, exhibit, 'restart.bin', data.length);
        assert.equal((await put(analyst, id, data.subarray(0, 600), 0, data.length)).status, 200);
        const restarted = new UploadSessionService(suite.vigil.database.db, suite.vigil.uploads, dir, installKey());
        const actor = { userId: analyst.userId, agencyId: agencyA, roles: ['analyst' as const] };
        assert.equal((await restarted.status(actor, id)).offset, 600);
        const stale = await openSession(analyst, exhibit, 'stale.bin', 10);
        const later = new UploadSessionService(
          suite.vigil.database.db,
          suite.vigil.uploads,
          dir,
          installKey(),
          () => Date.now() + 25 * 3_600_000,
        );
        assert.ok((await later.sweep()).removed >= 2);
        assert.ok(!readdirSync(dir).includes(`${stale}.part`));
        assert.equal((await analyst.get(`/api/v1/upload-sessions/${stale}`)).status, 404);
      });
    });
  },
  { app: { uploads: { maxFileBytes: LIMIT } } },
);
