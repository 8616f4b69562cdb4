/**
 * One writer per resumable upload session across hub processes, on both dialects: two hub
 * instances (two apps with their own database pools and services, sharing only the database and
 * the data folder, as two servers of one deployment do). While a PUT streams into one, a PUT of
 * the same session to the other is refused with 409, `Retry-After` and the offset, also after
 * longer than the lease (the writer renews it); once the first ends, the client resumes on the
 * other and the stored file has the right digests. A crashed writer's lease (and the torn record
 * it left) lapses and the client resumes; a writer whose lease was taken over stops, uncounted.
 * Real time: the lease is 2 s here (30 s by default), so the suite waits a few seconds.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { type ClientRequest, request } from 'node:http';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { createApp, type VigilApp } from '../../src/app.js';
import { buildHttpApp, type HttpApp } from '../../src/http/http-app.js';
import { UploadSessionRepository } from '../../src/storage/upload-session.repository.js';
import { anExhibit } from '../jobs/upload-fixtures.js';
import { type ApiClient, describeEachServer, type Json } from '../support/http-harness.js';

const LEASE_MS = 2_000;
const OCTETS = 'application/octet-stream';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const digest = (kind: string, b: Buffer) => createHash(kind).update(b).digest('hex');

interface Streaming {
  req: ClientRequest;
  answer: Promise<{ status: number; body: Json }>;
}

/** A PUT on a real socket whose body the test writes bit by bit (`req.write`, then `req.end`). */
function streamingPut(base: string, token: string, id: string, start: number, length: number, total: number) {
  const req = request(`${base}/api/v1/upload-sessions/${id}`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': OCTETS,
      'content-range': `bytes ${start}-${start + length - 1}/${total}`,
      'content-length': String(length),
    },
  });
  const answer = new Promise<{ status: number; body: Json }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
  });
  return { req, answer } satisfies Streaming;
}

describeEachServer(
  'upload sessions: one writer across hub processes',
  (suite) => {
    describe('two hub instances on one database and data folder', () => {
      let other: VigilApp;
      let otherHttp: HttpApp;
      let analyst: ApiClient & { userId: number };
      let token = '';
      let exhibit = 0;
      let base = '';
      const row = (id: string) =>
        suite.vigil.database.db
          .selectFrom('upload_sessions')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
      const putOther = (id: string, data: Buffer, start: number, total: number) =>
        otherHttp.server.inject({
          method: 'PUT',
          url: `/api/v1/upload-sessions/${id}`,
          payload: data,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': OCTETS,
            'content-range': `bytes ${start}-${start + data.length - 1}/${total}`,
          },
        });
      const open = async (name: string, size: number) => {
        const opened = await analyst.post(`/api/v1/exhibits/${exhibit}/upload-sessions`, { name, size });
        assert.equal(opened.status, 201, JSON.stringify(opened.body));
        return opened.body.id as string;
      };
      /** Waits until a writer holds the session (the streaming PUT has taken its lease). */
      const leased = async (id: string) => {
        for (let i = 0; i < 200 && (await row(id)).writer === null; i++) await sleep(25);
        assert.notEqual((await row(id)).writer, null, 'the streaming PUT holds the lease');
      };
      const assertStored = async (jobId: number, data: Buffer) => {
        const job = await analyst.get(`/api/v1/jobs/${jobId}`);
        assert.equal(job.status, 200, JSON.stringify(job.body));
        assert.deepEqual(
          { size: job.body.file.size, sha256: job.body.file.sha256, md5: job.body.file.md5, sha1: job.body.file.sha1 },
          { size: data.length, sha256: digest('sha256', data), md5: digest('md5', data), sha1: digest('sha1', data) },
        );
      };

      before(async () => {
        const agency = await suite.addAgency('Writers unit', 'NL');
        analyst = await suite.addUser(agency, ['analyst']);
        token = (
          await suite.vigil.apiKeys.createUserToken(
            { userId: analyst.userId, agencyId: agency, roles: ['analyst'] },
            { name: 'writers' },
          )
        ).token;
        exhibit = await anExhibit(suite, agency);
        // The second hub: its own pool, services and lease timers; the same database and data folder.
        other = await createApp({ ...suite.vigil.config });
        otherHttp = await buildHttpApp(other, {});
        base = await suite.http.server.listen({ port: 0, host: '127.0.0.1' });
      });
      after(async () => {
        await otherHttp?.server.close();
        await other?.close();
      });

      it('refuses a second writer on the other hub while a chunk streams, past the lease; then resumes there', async () => {
        const data = randomBytes(600_000);
        const id = await open('two-hubs.bin', data.length);
        const cut = 400_000;
        const first = streamingPut(base, token, id, 0, cut, data.length);
        try {
          first.req.write(data.subarray(0, 100_000));
          await leased(id);

          const refused = await putOther(id, data, 0, data.length);
          assert.equal(refused.statusCode, 409, refused.body);
          const problem = JSON.parse(refused.body);
          assert.equal(problem.code, 'conflict');
          assert.match(problem.message, /Another upload is writing to upload session .* Retry in \d+ s/);
          assert.equal(problem.details.offset, 0);
          assert.ok(problem.details.retryAfterSeconds >= 1);
          assert.equal(refused.headers['retry-after'], String(problem.details.retryAfterSeconds));

          // Longer than two leases: the streaming writer renews its lease, so it is still refused.
          await sleep(2.5 * LEASE_MS);
          first.req.write(data.subarray(100_000, 200_000));
          const still = await putOther(id, data, 0, data.length);
          assert.equal(still.statusCode, 409, still.body);
          assert.match(JSON.parse(still.body).message, /Another upload is writing/);

          first.req.end(data.subarray(200_000, cut));
          const done = await first.answer;
          assert.equal(done.status, 200, JSON.stringify(done.body));
          assert.equal(done.body.offset, cut);
          assert.equal((await row(id)).writer, null, 'the lease is given back when the chunk ends');
        } finally {
          // A failed assertion must not leave the socket open: the server could not close.
          if (!first.req.writableEnded) {
            first.answer.catch(() => undefined);
            first.req.destroy();
          }
        }

        const stale = await putOther(id, data.subarray(0, cut), 0, data.length);
        assert.equal(stale.statusCode, 409);
        assert.equal(JSON.parse(stale.body).details.offset, cut);
        const rest = await putOther(id, data.subarray(cut), cut, data.length);
        assert.equal(rest.statusCode, 202, rest.body);
        await assertStored(JSON.parse(rest.body).upload.jobId, data);
      });

      it("resumes once a crashed writer's lease lapses, cutting off the torn record it left", async () => {
        const data = randomBytes(300_000);
        const id = await open('crashed.bin', data.length);
        assert.equal((await putOther(id, data.subarray(0, 100_000), 0, data.length)).statusCode, 200);
        // A hub that died mid-chunk: its lease still on the row, half a record at the end of the file.
        const now = Date.now();
        const sessions = new UploadSessionRepository(suite.vigil.database.db);
        assert.ok(await sessions.acquire(id, 'crashed-writer', now, now + LEASE_MS));
        appendFileSync(join(suite.vigil.uploadSessions.dir, `${id}.part`), randomBytes(5_000));

        const refused = await putOther(id, data.subarray(100_000), 100_000, data.length);
        assert.equal(refused.statusCode, 409, refused.body);
        const wait = JSON.parse(refused.body).details.retryAfterSeconds;
        assert.ok(wait >= 1 && wait <= LEASE_MS / 1_000, `retry after ${wait} s`);
        await sleep(wait * 1_000 + 100);
        const rest = await putOther(id, data.subarray(100_000), 100_000, data.length);
        assert.equal(rest.statusCode, 202, rest.body);
        await assertStored(JSON.parse(rest.body).upload.jobId, data);
      });

      it('keeps a writer stuck inside a disk write out of the records of the writer that took over', async () => {
        const data = randomBytes(300_000);
        const id = await open('stuck.bin', data.length);
        assert.equal((await putOther(id, data.subarray(0, 100_000), 0, data.length)).statusCode, 200);
        // A writer whose lease lapsed while it sat inside a write to the partial file (a hung disk).
        const path = join(suite.vigil.uploadSessions.dir, `${id}.part`);
        const sessions = new UploadSessionRepository(suite.vigil.database.db);
        const now = Date.now();
        assert.ok(await sessions.acquire(id, 'stuck-writer', now, now + 1));
        const stuck = await openFile(path, 'r+');
        try {
          const at = (await stuck.stat()).size;
          await sleep(20);
          const middle = await putOther(id, data.subarray(100_000, 200_000), 100_000, data.length);
          assert.equal(middle.statusCode, 200, middle.body);
          // The stuck write lands now, where the new writer's records begin in the file it had.
          await stuck.write(randomBytes(5_000), 0, 5_000, at);
        } finally {
          await stuck.close();
        }
        const rest = await putOther(id, data.subarray(200_000), 200_000, data.length);
        assert.equal(rest.statusCode, 202, rest.body);
        await assertStored(JSON.parse(rest.body).upload.jobId, data);
      });

      it('stops a writer whose lease another took over: its bytes are not counted', async () => {
        const data = randomBytes(300_000);
        const id = await open('taken-over.bin', data.length);
        // In process (inject), so the answer arrives although the hub stops reading the body.
        const body = new PassThrough();
        const answer = suite.http.server.inject({
          method: 'PUT',
          url: `/api/v1/upload-sessions/${id}`,
          payload: body,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': OCTETS,
            'content-range': `bytes 0-${data.length - 1}/${data.length}`,
          },
        });
        body.write(data.subarray(0, 50_000));
        await leased(id);
        // As if its lease had lapsed and another server had taken the session.
        await suite.vigil.database.db
          .updateTable('upload_sessions')
          .set({ writer: 'another-server', lease_until: Date.now() + 60_000 })
          .where('id', '=', id)
          .execute();
        await sleep(LEASE_MS);
        body.end(data.subarray(50_000));
        const response = await answer;
        const lost = { status: response.statusCode, body: JSON.parse(response.body) };
        assert.equal(lost.status, 409, JSON.stringify(lost.body));
        assert.match(lost.body.message, /lost its hold on upload session/);
        assert.equal(lost.body.details.offset, 0);
        const state = await row(id);
        assert.equal(state.received, 0, 'the offset did not move');
        assert.equal(state.writer, 'another-server', 'the lost writer did not release the new holder');
      });
    });
  },
  { app: { uploadLeaseMs: LEASE_MS, uploads: { maxFileBytes: 1024 * 1024 } } },
);
