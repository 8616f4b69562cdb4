/**
 * A resumable upload whose hub died after its last byte was written but before the file was
 * stored, on both dialects. The crash is simulated by a hub instance whose one-shot storing step
 * fails: the offset then equals the size and no chunk can be sent any more. An empty PUT with
 * `Content-Range: bytes *\/size` finishes it once (the file's digests, one job, one audit event),
 * a repeat answers the stored upload, fewer bytes answer 409 with the offset, a writer's running
 * lease 409 with Retry-After; the start-up pass finishes such sessions that no one holds, as their
 * uploader, and leaves those of a disabled uploader.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Actor } from '../../src/access/access-record.js';
import type { UploadService } from '../../src/services/upload.service.js';
import { UploadSessionService } from '../../src/services/upload-session.service.js';
import { BLOB_KEY_FILE_NAME, loadBlobKey } from '../../src/storage/blob-key.js';
import { UploadSessionRepository } from '../../src/storage/upload-session.repository.js';
import { anExhibit } from '../jobs/upload-fixtures.js';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';

const OCTETS = 'application/octet-stream';
const digest = (kind: string, b: Buffer) => createHash(kind).update(b).digest('hex');

describeEachServer('resumable upload sessions: finishing after a crash', (suite) => {
  describe('a session that holds all its bytes but was never stored', () => {
    let analyst: ApiClient & { userId: number };
    let actor: Actor;
    let exhibit = 0;
    let agency = 0;
    const db = () => suite.vigil.database.db;
    const dir = () => suite.vigil.uploadSessions.dir;
    const installKey = () => loadBlobKey(join(dir(), '..', '..', BLOB_KEY_FILE_NAME));
    const finish = (client: ApiClient, id: string, size: number, body?: Buffer) =>
      client.request('PUT', `/api/v1/upload-sessions/${id}`, body, {
        'content-type': OCTETS,
        'content-range': `bytes */${size}`,
      });
    const put = (client: ApiClient, id: string, data: Buffer, start: number, total: number) =>
      client.request('PUT', `/api/v1/upload-sessions/${id}`, data, {
        'content-type': OCTETS,
        'content-range': `bytes ${start}-${start + data.length - 1}/${total}`,
      });
    const open = async (client: ApiClient, name: string, size: number) => {
      const opened = await client.post(`/api/v1/exhibits/${exhibit}/upload-sessions`, { name, size });
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      return opened.body.id as string;
    };
    /** Sends every byte through a hub whose storing step dies: the bytes and offset stay, no file, no job. */
    const crashAfterLastByte = async (who: Actor, id: string, data: Buffer) => {
      const dying = Object.create(suite.vigil.uploads) as UploadService;
      dying.receive = async () => {
        throw new Error('the hub died here');
      };
      const hub = new UploadSessionService(db(), dying, dir(), installKey());
      const range = { start: 0, end: data.length - 1, total: data.length };
      await assert.rejects(
        hub.append(
          who,
          id,
          range,
          (async function* () {
            yield data;
          })(),
        ),
        /the hub died here/,
      );
    };
    const uploadEvents = (batch: string) =>
      db()
        .selectFrom('audit_events')
        .select(['actor_user_id', 'details'])
        .where('action', '=', 'upload')
        .where('record_id', '=', exhibit)
        .execute()
        .then((rows) => rows.filter((r) => (JSON.parse(String(r.details)) as { batch?: string }).batch === batch));
    const jobsOf = (batch: string) => db().selectFrom('jobs').select('id').where('batch', '=', batch).execute();

    before(async () => {
      agency = await suite.addAgency('Finish unit', 'NL');
      analyst = await suite.addUser(agency, ['analyst']);
      actor = { userId: analyst.userId, agencyId: agency, roles: ['analyst'] };
      exhibit = await anExhibit(suite, agency);
    });

    it('is stuck for chunks, and an empty PUT of bytes */size stores it once; a repeat answers the same', async () => {
      const data = randomBytes(150_000);
      const id = await open(analyst, 'crashed.bin', data.length);
      await crashAfterLastByte(actor, id, data);
      const stuck = await analyst.get(`/api/v1/upload-sessions/${id}`);
      assert.deepEqual([stuck.body.offset, stuck.body.upload], [data.length, null]);
      const chunk = await put(analyst, id, data.subarray(data.length - 10), data.length - 10, data.length);
      assert.equal(chunk.status, 409, 'no chunk can start at the offset any more');
      assert.equal(chunk.body.details.offset, data.length);

      const done = await finish(analyst, id, data.length);
      assert.equal(done.status, 202, JSON.stringify(done.body));
      assert.equal(done.headers['upload-offset'], String(data.length));
      const upload = done.body.upload;
      assert.equal(upload.sha256, digest('sha256', data));
      const job = await analyst.get(`/api/v1/jobs/${upload.jobId}`);
      assert.equal(job.status, 200, JSON.stringify(job.body));
      assert.deepEqual(
        { size: job.body.file.size, sha256: job.body.file.sha256, md5: job.body.file.md5, sha1: job.body.file.sha1 },
        { size: data.length, sha256: digest('sha256', data), md5: digest('md5', data), sha1: digest('sha1', data) },
      );
      assert.ok(await suite.vigil.blobs.media.has(upload.sha256));
      assert.ok(!existsSync(join(dir(), `${id}.part`)), 'the partial file is deleted');

      // Repeated (its answer lost, say), here without a Content-Type as curl -X PUT sends it.
      const again = await analyst.request('PUT', `/api/v1/upload-sessions/${id}`, undefined, {
        'content-range': `bytes */${data.length}`,
      });
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.deepEqual(again.body.upload, upload);
      const chunkAgain = await put(analyst, id, data.subarray(0, 10), 0, data.length);
      assert.equal(chunkAgain.status, 409);
      assert.equal(chunkAgain.body.details.jobId, upload.jobId);
      assert.equal((await jobsOf(upload.batch)).length, 1);
      const events = await uploadEvents(upload.batch);
      assert.equal(events.length, 1);
      assert.equal(events[0].actor_user_id, analyst.userId);
    });

    it('answers 409 with the offset while bytes are missing, and refuses a wrong size or a body', async () => {
      const data = randomBytes(2_000);
      const id = await open(analyst, 'partial.bin', data.length);
      assert.equal((await put(analyst, id, data.subarray(0, 700), 0, data.length)).status, 200);
      const early = await finish(analyst, id, data.length);
      assert.equal(early.status, 409, JSON.stringify(early.body));
      assert.equal(early.body.details.offset, 700);
      assert.match(early.body.message, /holds 700 bytes/);
      assert.equal((await finish(analyst, id, data.length + 1)).status, 413);
      assert.equal((await finish(analyst, id, data.length, data.subarray(700))).status, 400);
      assert.equal((await analyst.get(`/api/v1/upload-sessions/${id}`)).body.offset, 700);
      assert.equal((await put(analyst, id, data.subarray(700), 700, data.length)).status, 202);
    });

    it("waits for a writer's running lease (409 with Retry-After), and is another user's 404", async () => {
      const data = randomBytes(1_000);
      const id = await open(analyst, 'leased.bin', data.length);
      await crashAfterLastByte(actor, id, data);
      const repo = new UploadSessionRepository(db());
      const now = Date.now();
      assert.ok(await repo.acquire(id, 'f'.repeat(32), now, now + 60_000), 'a writer that died holding the lease');
      const busy = await finish(analyst, id, data.length);
      assert.equal(busy.status, 409, JSON.stringify(busy.body));
      assert.ok(Number(busy.headers['retry-after']) > 0);
      assert.equal(busy.body.details.offset, data.length);
      const colleague = await suite.addUser(agency, ['analyst']);
      assert.equal((await finish(colleague, id, data.length)).status, 404);
      await repo.release(id, 'f'.repeat(32));
      assert.equal((await finish(analyst, id, data.length)).status, 202);
    });

    it('the start-up pass finishes sessions no one holds as their uploader, not those of a disabled one', async () => {
      const data = randomBytes(5_000);
      const abandoned = await open(analyst, 'abandoned.bin', data.length);
      await crashAfterLastByte(actor, abandoned, data);
      const held = await open(analyst, 'held.bin', data.length);
      await crashAfterLastByte(actor, held, data);
      const now = Date.now();
      const repo = new UploadSessionRepository(db());
      assert.ok(await repo.acquire(held, 'e'.repeat(32), now, now + 60_000));
      const leaver = await suite.addUser(agency, ['analyst']);
      const theirs = await open(leaver, 'leaver.bin', data.length);
      await crashAfterLastByte({ userId: leaver.userId, agencyId: agency, roles: ['analyst'] }, theirs, data);
      await db().updateTable('users').set({ disabled_at: now }).where('id', '=', leaver.userId).execute();

      const restarted = new UploadSessionService(db(), suite.vigil.uploads, dir(), installKey());
      const { finished } = await restarted.sweep();
      await restarted.close();
      const outcome = (id: string) => finished.find((f) => f.id === id);
      assert.equal(outcome(abandoned)?.status, 'finished', JSON.stringify(finished));
      assert.equal(outcome(held)?.status, 'held', 'a session whose lease runs is left to its holder');
      assert.equal(outcome(theirs)?.status, 'refused');

      const state = await analyst.get(`/api/v1/upload-sessions/${abandoned}`);
      assert.equal(state.body.upload.jobId, outcome(abandoned)?.jobId);
      assert.equal(state.body.upload.sha256, digest('sha256', data));
      const events = await uploadEvents(state.body.upload.batch);
      assert.equal(events.length, 1);
      assert.equal(events[0].actor_user_id, analyst.userId);
      assert.equal(JSON.parse(String(events[0].details)).finishedBy, 'hub');
      assert.equal((await jobsOf(state.body.upload.batch)).length, 1);
      assert.equal((await analyst.get(`/api/v1/upload-sessions/${held}`)).body.upload, null);
      assert.ok(existsSync(join(dir(), `${theirs}.part`)), "the disabled uploader's bytes stay until expiry");
      assert.deepEqual((await finish(analyst, abandoned, data.length)).body.upload, state.body.upload);
    });

    it('a hub runs the start-up pass in the background and waits for it when it closes', async () => {
      const data = randomBytes(3_000);
      const abandoned = await open(analyst, 'background.bin', data.length);
      await crashAfterLastByte(actor, abandoned, data);
      const restarted = new UploadSessionService(db(), suite.vigil.uploads, dir(), installKey());
      restarted.startSweep();
      await restarted.close();
      const state = await analyst.get(`/api/v1/upload-sessions/${abandoned}`);
      assert.equal(state.body.upload?.sha256, digest('sha256', data), 'stored by the pass close() waited for');
    });
  });
});
