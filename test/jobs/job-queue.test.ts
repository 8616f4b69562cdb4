/**
 * The job queue's contract on both dialects: a job is claimed by one worker at a time, a job
 * whose worker died is claimed again after its lease (and the dead worker's claim is void), a
 * failure is retried after a back-off and ends `failed` with a clear error, and on PostgreSQL two
 * queue instances with their own pools (two worker processes) share the work without overlap.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { defaultBackoff } from '../../src/jobs/job-queue.js';
import { SqlJobQueue } from '../../src/jobs/sql-job-queue.js';
import { AgencyRepository } from '../../src/storage/agency.repository.js';
import { createDatabase } from '../../src/storage/database.js';
import { describeEachDialect } from '../medium/dialect-harness.js';

const LEASE = 30_000;

describeEachDialect('job queue contract', (suite) => {
  let clock = 1_000_000;
  const now = () => clock;
  let agencyId = 0;
  let kindNo = 0;
  /** A kind of its own per test, so tests never claim each other's jobs. */
  const freshKind = () => `test-${++kindNo}`;
  const queue = () => new SqlJobQueue(suite.database.db, suite.dialect, { now, backoff: (n) => 1_000 * n });

  before(async () => {
    agencyId = (await new AgencyRepository(suite.database.db).create({ countryCode: 'NL', name: 'Queue unit' })).id;
  });

  it('runs a job once: enqueue, claim, complete, with its result', async () => {
    const kind = freshKind();
    const q = queue();
    const id = await q.enqueue(kind, { file: 1 }, { agencyId, batch: 'b-1' });
    assert.equal((await q.get(id))?.status, 'queued');
    const job = await q.claim([kind], LEASE);
    assert.equal(job?.id, id);
    assert.deepEqual(job?.payload, { file: 1 });
    assert.equal(job?.attempts, 1);
    assert.equal(await q.claim([kind], LEASE), null, 'a held job is not handed out again');
    assert.ok(job && (await q.complete(job, { status: 'new' })));
    const done = await q.get(id);
    assert.equal(done?.status, 'done');
    assert.deepEqual(done?.result, { status: 'new' });
    assert.equal(done?.finishedAt, clock);
    assert.deepEqual(await q.batchCounts('b-1'), { queued: 0, running: 0, done: 1, failed: 0, total: 1 });
    assert.equal(await q.claim([kind], LEASE), null, 'a finished job is never claimed again');
  });

  it('never hands one job to two claims at once, however many claim together', async () => {
    const kind = freshKind();
    const q = queue();
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push(await q.enqueue(kind, { i }, { agencyId }));
    const claims = await Promise.all(Array.from({ length: 20 }, () => q.claim([kind], LEASE)));
    const got = claims.filter((c) => c !== null).map((c) => c.id);
    assert.equal(got.length, 12);
    assert.deepEqual(
      [...new Set(got)].sort((a, b) => a - b),
      ids,
    );
  });

  it('claims waiting jobs in due order and not before they are due', async () => {
    const kind = freshKind();
    const q = queue();
    const later = await q.enqueue(kind, {}, { agencyId, runAfter: clock + 5_000 });
    const first = await q.enqueue(kind, {}, { agencyId });
    assert.equal((await q.claim([kind], LEASE))?.id, first);
    assert.equal(await q.claim([kind], LEASE), null, 'the other job is not due yet');
    clock += 5_000;
    assert.equal((await q.claim([kind], LEASE))?.id, later);
  });

  it('gives a job whose worker died to another worker after the lease, and voids the dead claim', async () => {
    const kind = freshKind();
    const q = queue();
    const id = await q.enqueue(kind, {}, { agencyId });
    const dead = await q.claim([kind], LEASE);
    assert.ok(dead);
    clock += LEASE - 1;
    assert.equal(await q.claim([kind], LEASE), null, 'still leased');
    assert.ok(await q.renew(dead, LEASE, { done: 1 }), 'a live worker keeps its job by renewing');
    assert.deepEqual((await q.get(id))?.progress, { done: 1 });
    clock += LEASE + 1;
    const second = await q.claim([kind], LEASE);
    assert.equal(second?.id, id);
    assert.equal(second?.attempts, 2);
    assert.equal(await q.complete(dead, { by: 'dead' }), false, 'the old claim can no longer complete');
    assert.equal(await q.renew(dead, LEASE), false);
    assert.ok(second && (await q.complete(second, { by: 'second' })));
    assert.deepEqual((await q.get(id))?.result, { by: 'second' });
  });

  it('retries a failure after its back-off, then ends failed with the last error', async () => {
    const kind = freshKind();
    const q = queue();
    const id = await q.enqueue(kind, {}, { agencyId, maxAttempts: 3 });
    for (let attempt = 1; attempt <= 3; attempt++) {
      const job = await q.claim([kind], LEASE);
      assert.equal(job?.attempts, attempt);
      assert.ok(job && (await q.fail(job, `the database went away (${attempt})`)));
      const after = await q.get(id);
      if (attempt < 3) {
        assert.equal(after?.status, 'queued');
        assert.equal(after?.runAfter, clock + 1_000 * attempt);
        assert.equal(after?.error, `the database went away (${attempt})`);
        assert.equal(await q.claim([kind], LEASE), null, 'not before the back-off');
        clock += 1_000 * attempt;
      } else {
        assert.equal(after?.status, 'failed');
        assert.equal(after?.error, 'Failed after 3 tries; the last error: the database went away (3)');
      }
    }
    clock += 60_000;
    assert.equal(await q.claim([kind], LEASE), null, 'a failed job stays failed');
  });

  it('fails at once when a retry cannot help, and a released job keeps its tries', async () => {
    const kind = freshKind();
    const q = queue();
    const id = await q.enqueue(kind, {}, { agencyId });
    const job = await q.claim([kind], LEASE);
    assert.ok(job && (await q.release(job)));
    const again = await q.claim([kind], LEASE);
    assert.equal(again?.attempts, 1, 'giving a job back is not a failed try');
    assert.ok(again && (await q.fail(again, 'The stored upload is not intact.', { retry: false })));
    const failed = await q.get(id);
    assert.equal(failed?.status, 'failed');
    assert.equal(failed?.error, 'The stored upload is not intact.');
  });

  it('ends a job that stopped without finishing on its last try as failed, saying so', async () => {
    const kind = freshKind();
    const q = queue();
    const id = await q.enqueue(kind, {}, { agencyId, maxAttempts: 2 });
    assert.ok(await q.claim([kind], LEASE));
    clock += LEASE + 1;
    assert.ok(await q.claim([kind], LEASE), 'second try after the first worker died');
    clock += LEASE + 1;
    assert.equal(await q.claim([kind], LEASE), null);
    const job = await q.get(id);
    assert.equal(job?.status, 'failed');
    assert.match(job?.error ?? '', /stopped without finishing on its last try/);
  });

  it('makes every running job claimable at once after an embedded restart', async () => {
    const kind = freshKind();
    const q = queue();
    const id = await q.enqueue(kind, {}, { agencyId });
    assert.ok(await q.claim([kind], LEASE));
    assert.ok((await q.expireLeases()) >= 1);
    assert.equal((await q.claim([kind], LEASE))?.id, id);
  });

  it('backs off 5 s, 10 s, 20 s… up to 15 minutes by default', () => {
    assert.deepEqual([1, 2, 3].map(defaultBackoff), [5_000, 10_000, 20_000]);
    assert.equal(defaultBackoff(30), 15 * 60_000);
  });

  if (suite.dialect === 'postgres') {
    describe('two workers with their own pools', () => {
      it('share the queue: every job done exactly once, by either worker', async () => {
        const kind = freshKind();
        const second = await createDatabase(suite.target.config, { migrate: false });
        try {
          const workers = [queue(), new SqlJobQueue(second.db, 'postgres', { now })];
          const ids = new Set<number>();
          for (let i = 0; i < 60; i++) ids.add(await workers[0].enqueue(kind, { i }, { agencyId }));
          const doneBy = new Map<number, number>();
          const overlaps: number[] = [];
          const inHand = new Set<number>();
          const work = async (w: number) => {
            for (;;) {
              const job = await workers[w].claim([kind], LEASE);
              if (!job) return;
              if (inHand.has(job.id)) overlaps.push(job.id);
              inHand.add(job.id);
              await new Promise((r) => setTimeout(r, 2));
              inHand.delete(job.id);
              assert.ok(await workers[w].complete(job, { w }));
              assert.ok(!doneBy.has(job.id), `job ${job.id} done twice`);
              doneBy.set(job.id, w);
            }
          };
          await Promise.all([work(0), work(0), work(0), work(1), work(1), work(1)]);
          assert.deepEqual(overlaps, []);
          assert.equal(doneBy.size, ids.size);
          const byWorker = [...doneBy.values()];
          assert.ok(byWorker.includes(0) && byWorker.includes(1), 'both workers took jobs');
        } finally {
          await second.destroy();
        }
      });
    });
  }
});
