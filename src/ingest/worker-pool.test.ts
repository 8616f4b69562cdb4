import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WorkerPool, WorkerStoppedError } from './worker-pool.js';

const ENTRY = new URL('../../test/support/pool-test-worker.mjs', import.meta.url);
type Task = { n?: number; exit?: number; throw?: boolean };
type Result = { n: number; threadId: number };

test('tasks run on every worker at once and each answer goes to its own caller', async () => {
  const pool = new WorkerPool<Task, Result>(ENTRY, 3);
  try {
    const out = await Promise.all([30, 5, 20, 10, 1, 15].map((n) => pool.run({ n })));
    assert.deepEqual(
      out.map((r) => r.n),
      [60, 10, 40, 20, 2, 30],
    );
    assert.equal(new Set(out.map((r) => r.threadId)).size, 3, 'all three workers took tasks');
  } finally {
    await pool.close();
  }
});

test('a worker that dies on a task fails that task only; a fresh worker takes its place', async () => {
  const pool = new WorkerPool<Task, Result>(ENTRY, 2);
  try {
    const runs = [pool.run({ n: 5 }), pool.run({ exit: 3 }), pool.run({ throw: true }), pool.run({ n: 7 })];
    const settled = await Promise.allSettled(runs);
    assert.equal(settled[0].status === 'fulfilled' && settled[0].value.n, 10);
    assert.equal(settled[1].status, 'rejected');
    assert.ok((settled[1] as PromiseRejectedResult).reason instanceof WorkerStoppedError);
    assert.match((settled[1] as PromiseRejectedResult).reason.message, /exit code 3/);
    assert.equal(settled[2].status, 'rejected');
    const thrown = (settled[2] as PromiseRejectedResult).reason;
    assert.equal(thrown.message, 'The worker stopped on this file (it threw Error).', 'a fixed text for readers');
    assert.match(thrown.cause.message, /thrown outside any task/, 'the error itself stays in the cause');
    assert.equal(settled[3].status, 'fulfilled');
    const after = await Promise.all([1, 2, 3, 4].map((n) => pool.run({ n })));
    assert.deepEqual(
      after.map((r) => r.n),
      [2, 4, 6, 8],
      'still two working workers after two deaths',
    );
  } finally {
    await pool.close();
  }
});

test('closing rejects what is still waiting and refuses new tasks', async () => {
  const pool = new WorkerPool<Task, Result>(ENTRY, 1);
  const slow = assert.rejects(pool.run({ n: 200 }), /closed/);
  const waiting = assert.rejects(pool.run({ n: 1 }), /closed/);
  await pool.close();
  await slow;
  await waiting;
  await assert.rejects(pool.run({ n: 1 }), /closed/);
  assert.throws(() => new WorkerPool<Task, Result>(ENTRY, 0), RangeError);
});
