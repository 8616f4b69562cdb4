/**
 * The web app's resumable upload loop (web/src/upload/chunked-send.ts) against an in-memory hub:
 * chunks in order with progress; a chunk cut off is resumed from the hub's offset after a pause;
 * a 409 resyncs; a refusal a retry cannot fix ends the file at once; retries are bounded.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ApiError } from '../../web/src/api/client.js';
import { type ChunkTransport, type SessionView, sendInChunks } from '../../web/src/upload/chunked-send.js';

/** A hub holding one session of `size` bytes; `fail(call)` may cut a put short or refuse it. */
function fakeHub(size: number, fail: (call: number, start: number, end: number) => number | Error | null = () => null) {
  let offset = 0;
  const puts: [number, number][] = [];
  const view = (): SessionView => ({ id: 's1', offset, upload: offset === size ? { jobId: 77 } : null });
  const transport: ChunkTransport = {
    open: async () => view(),
    status: async () => view(),
    put: async (_id, start, end, onSent) => {
      puts.push([start, end]);
      if (start !== offset) throw new ApiError(409, 'conflict', 'wrong offset', { offset });
      const outcome = fail(puts.length, start, end);
      if (outcome instanceof Error) throw outcome;
      if (typeof outcome === 'number') {
        offset = start + outcome;
        onSent(outcome);
        throw new Error('The connection to the hub was lost.');
      }
      onSent(end - start);
      offset = end;
      return view();
    },
  };
  return { transport, puts };
}

const noSleep = (slept: number[]) => ({ sleep: async (ms: number) => void slept.push(ms), retryDelaysMs: [1, 2, 3] });

it('sends a file in chunks in order, reporting progress up to its size', async () => {
  const { transport, puts } = fakeHub(25);
  const progress: number[] = [];
  const slept: number[] = [];
  const done = await sendInChunks(25, transport, (n) => progress.push(n), { chunkBytes: 10, ...noSleep(slept) });
  assert.deepEqual(done, { jobId: 77 });
  assert.deepEqual(puts, [
    [0, 10],
    [10, 20],
    [20, 25],
  ]);
  assert.equal(progress.at(-1), 25);
  assert.deepEqual(
    progress,
    [...progress].sort((a, b) => a - b),
    'progress never goes back on success',
  );
  assert.deepEqual(slept, []);
});

it('resumes a chunk cut off mid-way from the offset the hub holds, after a pause', async () => {
  // The second put gets 4 of its 10 bytes through, then the connection drops.
  const { transport, puts } = fakeHub(25, (call) => (call === 2 ? 4 : null));
  const slept: number[] = [];
  const done = await sendInChunks(25, transport, () => {}, { chunkBytes: 10, ...noSleep(slept) });
  assert.deepEqual(done, { jobId: 77 });
  assert.deepEqual(puts, [
    [0, 10],
    [10, 20],
    [14, 24],
    [24, 25],
  ]);
  assert.deepEqual(slept, [1]);
});

it('resyncs on a 409 and ends at once on a refusal a retry cannot fix', async () => {
  const refused = fakeHub(25, () => new ApiError(413, 'payload-too-large', 'Larger than the upload limit.'));
  const slept: number[] = [];
  await assert.rejects(
    sendInChunks(25, refused.transport, () => {}, { chunkBytes: 10, ...noSleep(slept) }),
    /Larger than the upload limit/,
  );
  assert.equal(refused.puts.length, 1);
  assert.deepEqual(slept, []);

  const busy = fakeHub(25, (call) => (call === 1 ? new ApiError(409, 'conflict', 'Another request is writing') : null));
  assert.deepEqual(await sendInChunks(25, busy.transport, () => {}, { chunkBytes: 10, ...noSleep(slept) }), {
    jobId: 77,
  });
  assert.deepEqual(slept, [1]);
});

it('gives up after the last retry with the last error', async () => {
  const { transport, puts } = fakeHub(25, () => new Error('The connection to the hub was lost.'));
  const slept: number[] = [];
  await assert.rejects(
    sendInChunks(25, transport, () => {}, { chunkBytes: 10, ...noSleep(slept) }),
    /connection to the hub was lost/,
  );
  assert.deepEqual(slept, [1, 2, 3]);
  assert.equal(puts.length, 4);
});
