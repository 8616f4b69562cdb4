import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapOrdered } from './map-ordered.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('results come in input order while work overlaps, never more than `concurrency` at once', async () => {
  let running = 0;
  let most = 0;
  const out: number[] = [];
  for await (const r of mapOrdered([5, 1, 4, 2, 3, 0], 3, async (n) => {
    running++;
    most = Math.max(most, running);
    await sleep(n * 3);
    running--;
    return n * 10;
  })) {
    out.push(r);
  }
  assert.deepEqual(out, [50, 10, 40, 20, 30, 0]);
  assert.equal(most, 3);
});

test('pulls from the source only as slots free (back-pressure), and stops pulling when the consumer stops', async () => {
  let pulled = 0;
  async function* source() {
    for (let i = 0; i < 1000; i++) {
      pulled++;
      yield i;
    }
  }
  for await (const r of mapOrdered(source(), 2, async (n) => n)) {
    if (r === 4) break;
  }
  assert.ok(pulled <= 7, `pulled ${pulled}`);
});

test('a failing item surfaces in its turn, after the results before it', async () => {
  const out: number[] = [];
  await assert.rejects(async () => {
    for await (const r of mapOrdered([1, 2, 3], 3, async (n) => {
      if (n === 2) throw new Error('boom');
      return n;
    })) {
      out.push(r);
    }
  }, /boom/);
  assert.deepEqual(out, [1]);
});
