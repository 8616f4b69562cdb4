import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runOrdered } from './ordered-pool.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('emits results in input order although they finish out of order', async () => {
  const items = [30, 5, 20, 1, 10, 0, 15];
  const seen: number[] = [];
  await runOrdered(
    items,
    3,
    async (ms) => {
      await sleep(ms);
      return ms * 2;
    },
    (r) => seen.push(r),
  );
  assert.deepEqual(
    seen,
    items.map((x) => x * 2),
  );
});

test('never runs more than `concurrency` items at once, nor starts beyond the window', async () => {
  let running = 0;
  let peak = 0;
  let maxAhead = 0;
  let emitted = 0;
  const items = Array.from({ length: 40 }, (_, i) => (i === 0 ? 40 : 1));
  await runOrdered(
    items,
    2,
    async (ms, i) => {
      running++;
      peak = Math.max(peak, running);
      maxAhead = Math.max(maxAhead, i - emitted);
      await sleep(ms);
      running--;
      return i;
    },
    () => emitted++,
    4,
  );
  assert.equal(emitted, 40);
  assert.ok(peak <= 2, `peak concurrency ${peak}`);
  assert.ok(maxAhead <= 4, `started ${maxAhead} ahead of the output`);
});

test('handles an empty list', async () => {
  let calls = 0;
  await runOrdered(
    [],
    4,
    async () => calls++,
    () => calls++,
  );
  assert.equal(calls, 0);
});
