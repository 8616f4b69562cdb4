/**
 * The job runner on both dialects with the real clock: results stored, at most `concurrency`
 * jobs at once, the lease renewed while a long job runs (no other worker gets it), failures
 * retried or ended as their kind says, and a graceful stop that lets a job finish or gives it back.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, it } from 'node:test';
import { AppError } from '../../src/domain/app-error.js';
import type { JobObject } from '../../src/jobs/job-queue.js';
import { type JobHandler, JobRunner } from '../../src/jobs/job-runner.js';
import { SqlJobQueue } from '../../src/jobs/sql-job-queue.js';
import { AgencyRepository } from '../../src/storage/agency.repository.js';
import { describeEachDialect } from '../medium/dialect-harness.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await sleep(20);
  }
}

describeEachDialect('job runner', (suite) => {
  let agencyId = 0;
  let kindNo = 0;
  const freshKind = () => `runner-${++kindNo}`;
  const queue = () => new SqlJobQueue(suite.database.db, suite.dialect);
  const runner = (
    handlers: Record<string, JobHandler>,
    more: { concurrency?: number; leaseMs?: number; privateDirs?: string[] } = {},
  ) => new JobRunner({ queue: queue(), handlers, pollMs: 20, ...more });

  before(async () => {
    agencyId = (await new AgencyRepository(suite.database.db).create({ countryCode: 'BE', name: 'Runner unit' })).id;
  });

  it('stores each result and runs at most `concurrency` jobs at once', async () => {
    const kind = freshKind();
    let inFlight = 0;
    let most = 0;
    const r = runner(
      {
        [kind]: async (job) => {
          most = Math.max(most, ++inFlight);
          await sleep(30);
          inFlight--;
          return { doubled: Number(job.payload.n) * 2 };
        },
      },
      { concurrency: 2 },
    );
    const ids: number[] = [];
    for (let n = 0; n < 6; n++) ids.push(await queue().enqueue(kind, { n }, { agencyId }));
    r.start();
    await until(async () => (await queue().get(ids[5]))?.status === 'done', 'all are done');
    await r.stop();
    for (let n = 0; n < 6; n++) assert.deepEqual((await queue().get(ids[n]))?.result, { doubled: n * 2 });
    assert.equal(most, 2);
  });

  it('keeps renewing the lease of a long job, so no other worker takes it, and saves progress', async () => {
    const kind = freshKind();
    const r = runner(
      {
        [kind]: async (_job, ctx) => {
          ctx.progress({ step: 'decode' });
          await sleep(700);
          return {};
        },
      },
      { leaseMs: 150 },
    );
    const id = await queue().enqueue(kind, {}, { agencyId });
    r.start();
    await until(async () => (await queue().get(id))?.status === 'running', 'it runs');
    await sleep(350);
    assert.equal(await queue().claim([kind], 150), null, 'the lease is still held after twice its length');
    assert.deepEqual((await queue().get(id))?.progress, { step: 'decode' });
    await until(async () => (await queue().get(id))?.status === 'done', 'it is done');
    await r.stop();
    assert.equal((await queue().get(id))?.attempts, 1);
  });

  it('ends a job at once on a failure a retry cannot fix, and retries an unexpected one', async () => {
    const kind = freshKind();
    const r = runner({
      [kind]: async (job): Promise<JobObject> => {
        if (job.payload.permanent) throw new AppError('not-found', 'There is no exhibit 9 any more.');
        throw new Error('connection reset by 10.0.0.7 reading /srv/vigil/data/tmp/x');
      },
    });
    const permanent = await queue().enqueue(kind, { permanent: true }, { agencyId });
    const passing = await queue().enqueue(kind, { permanent: false }, { agencyId });
    r.start();
    await until(async () => (await queue().get(passing))?.error !== null, 'the second failed once');
    await r.stop();
    const ended = await queue().get(permanent);
    assert.equal(ended?.status, 'failed');
    assert.equal(ended?.error, 'There is no exhibit 9 any more.');
    const retried = await queue().get(passing);
    assert.equal(retried?.status, 'queued');
    assert.match(retried?.error ?? '', /^The job stopped on an unexpected error on the server; it is tried again\./);
    assert.doesNotMatch(retried?.error ?? '', /connection reset|10\.0\.0\.7|srv/, 'the cause stays in the log');
    assert.ok((retried?.runAfter ?? 0) > Date.now(), 'after a back-off');
  });

  it("keeps a failure's cause for its readers but not the server's folders, on one capped line", async () => {
    const kind = freshKind();
    const r = runner(
      {
        [kind]: async () => {
          const tool = `Invalid data in /srv/vigil/data/tmp/upload-1/content\n${'ffmpeg said more. '.repeat(40)}`;
          throw new AppError('corrupt-video', `The video could not be decoded: ${tool}`);
        },
      },
      { privateDirs: ['/srv/vigil/data'] },
    );
    const id = await queue().enqueue(kind, {}, { agencyId });
    r.start();
    await until(async () => ((await queue().get(id))?.error ?? null) !== null, 'it failed once');
    await r.stop();
    const error = (await queue().get(id))?.error ?? '';
    assert.match(error, /^The video could not be decoded: Invalid data in <server file> ffmpeg said more\./);
    assert.ok(!error.includes('/srv/') && !error.includes('\n'), error);
    assert.ok(error.length <= 300 && error.endsWith('…'), `capped: ${error.length}`);
  });

  it('lets a running job finish when stopped within the grace period', async () => {
    const kind = freshKind();
    const r = runner({
      [kind]: async () => {
        await sleep(150);
        return { finished: true };
      },
    });
    const id = await queue().enqueue(kind, {}, { agencyId });
    r.start();
    await until(async () => (await queue().get(id))?.status === 'running', 'it runs');
    await r.stop(5_000);
    assert.deepEqual((await queue().get(id))?.result, { finished: true });
  });

  it('gives a job back, its try not counted, when it outlasts the grace period', async () => {
    const kind = freshKind();
    let aborted = false;
    const r = runner({
      [kind]: (_job, ctx) =>
        new Promise((_resolve, reject) => {
          ctx.signal.addEventListener('abort', () => {
            aborted = true;
            reject(ctx.signal.reason);
          });
        }),
    });
    const id = await queue().enqueue(kind, {}, { agencyId });
    r.start();
    await until(async () => (await queue().get(id))?.status === 'running', 'it runs');
    await r.stop(50);
    const back = await queue().get(id);
    assert.equal(back?.status, 'queued');
    assert.equal(back?.attempts, 0);
    assert.equal(back?.error, null);
    assert.ok(aborted, 'the handler was told to stop');
    assert.equal((await queue().claim([kind], 1_000))?.id, id, 'another worker takes it at once');
  });

  it('logs a failed job with its codes only: the path in a file-system error stays out of the log', async () => {
    const kind = freshKind();
    const lines: string[] = [];
    const path = '/nonexistent/Seized folder/holiday snap.jpg';
    const r = new JobRunner({
      queue: queue(),
      handlers: { [kind]: async () => JSON.parse(await readFile(path, 'utf8')) },
      pollMs: 20,
      log: (level, message, fields) => lines.push(JSON.stringify({ level, message, ...fields })),
    });
    const id = await queue().enqueue(kind, {}, { agencyId });
    r.start();
    await until(async () => (await queue().get(id))?.attempts === 1, 'it was tried');
    await r.stop();
    const failed = lines.map((l) => JSON.parse(l)).find((l) => l.message === 'job failed');
    assert.deepEqual(failed, {
      level: 'warn',
      message: 'job failed',
      jobId: id,
      kind,
      attempt: 1,
      errorClass: 'Error',
      code: 'ENOENT',
      syscall: 'open',
    });
    assert.doesNotMatch(lines.join('\n'), /Seized|holiday|nonexistent/);
  });
});
