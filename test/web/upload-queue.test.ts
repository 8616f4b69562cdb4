import assert from 'node:assert/strict';
import { it } from 'node:test';
import { inFlight, progressOf, type QueuedFile, uploadAll } from '../../web/src/upload/upload-queue.js';

it('sends at most N files at once, reports progress, and keeps going past a failed file', async () => {
  const files = Array.from({ length: 7 }, (_, i) => ({ name: `f${i}.jpg`, size: 100 }));
  let running = 0;
  let peak = 0;
  const snapshots: QueuedFile[][] = [];
  const final = await uploadAll(
    files,
    async (index, onProgress) => {
      running++;
      peak = Math.max(peak, running);
      onProgress(50);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      if (index === 3) throw new Error('The hub answered 413.');
      return { jobId: 1000 + index };
    },
    (s) => snapshots.push(s),
    2,
  );
  assert.equal(peak, 2);
  assert.deepEqual(
    final.map((f) => f.state.phase),
    ['stored', 'stored', 'stored', 'failed', 'stored', 'stored', 'stored'],
  );
  assert.deepEqual(final[3]?.state, { phase: 'failed', message: 'The hub answered 413.' });
  assert.ok(snapshots.some((s) => s.some((f) => f.state.phase === 'sending' && f.state.sent === 50)));
  const totals = progressOf(final);
  assert.deepEqual([totals.sent, totals.total, totals.stored, totals.failed], [600, 700, 6, 1]);
});

it('lists the files in flight with the part of each already sent, and no others', () => {
  const queue: QueuedFile[] = [
    { name: 'a.jpg', size: 200, state: { phase: 'stored', jobId: 1 } },
    { name: 'b.jpg', size: 200, state: { phase: 'sending', sent: 50 } },
    { name: 'c.jpg', size: 0, state: { phase: 'sending', sent: 0 } },
    { name: 'd.jpg', size: 100, state: { phase: 'waiting' } },
    { name: 'e.jpg', size: 100, state: { phase: 'failed', message: 'no' } },
  ];
  assert.deepEqual(inFlight(queue), [
    { name: 'b.jpg', size: 200, fraction: 0.25 },
    { name: 'c.jpg', size: 0, fraction: 0 },
  ]);
});
