/**
 * The web app's resumable upload loop (web/src/upload/chunked-send.ts) against an in-memory hub:
 * chunks in order with progress; a chunk cut off is resumed from the hub's offset after a pause;
 * a 409 resyncs; a refusal a retry cannot fix ends the file at once; retries are bounded; a
 * session left with every byte but no upload is finished, not sent more; `Retry-After` sets the pause.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ApiError, retryAfterOf } from '../../web/src/api/client.js';
import {
  type ChunkTransport,
  MAX_RETRY_AFTER_MS,
  type SessionView,
  sendInChunks,
} from '../../web/src/upload/chunked-send.js';

/** A hub holding one session of `size` bytes; `fail(call)` may cut a put short or refuse it. */
function fakeHub(size: number, fail: (call: number, start: number, end: number) => number | Error | null = () => null) {
  let offset = 0;
  /** Whether the file was stored: a cut-off after the last byte leaves every byte in but nothing stored. */
  let stored = false;
  let finishes = 0;
  const puts: [number, number][] = [];
  const view = (): SessionView => ({ id: 's1', offset, upload: stored ? { jobId: 77 } : null });
  const transport: ChunkTransport = {
    open: async () => view(),
    status: async () => view(),
    finish: async () => {
      finishes++;
      if (offset !== size) throw new ApiError(409, 'conflict', 'bytes missing', { offset });
      stored = true;
      return view();
    },
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
      stored = offset === size;
      return view();
    },
  };
  return { transport, puts, finishes: () => finishes };
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

it('finishes a session that holds every byte but was never stored, instead of sending more', async () => {
  // The last chunk's bytes all arrive, then the hub dies before storing the file.
  const hub = fakeHub(25, (call) => (call === 3 ? 5 : null));
  const slept: number[] = [];
  const done = await sendInChunks(25, hub.transport, () => {}, { chunkBytes: 10, ...noSleep(slept) });
  assert.deepEqual(done, { jobId: 77 });
  assert.deepEqual(hub.puts, [
    [0, 10],
    [10, 20],
    [20, 25],
  ]);
  assert.equal(hub.finishes(), 1);
  assert.deepEqual(slept, [1]);
});

it("pauses as long as the hub's Retry-After says, else the fixed pauses", async () => {
  const busy = new ApiError(409, 'conflict', 'Another upload is writing', { offset: 0 }, 7);
  const hub = fakeHub(25, (call) => (call === 1 ? busy : call === 2 ? new Error('The connection was lost.') : null));
  const slept: number[] = [];
  assert.deepEqual(await sendInChunks(25, hub.transport, () => {}, { chunkBytes: 10, ...noSleep(slept) }), {
    jobId: 77,
  });
  assert.deepEqual(slept, [7_000, 2], 'Retry-After, then the second fixed pause: the busy try counted');
  const long = fakeHub(25, (call) => (call === 1 ? new ApiError(503, 'busy', 'Busy', {}, 86_400) : null));
  const waited: number[] = [];
  await sendInChunks(25, long.transport, () => {}, { chunkBytes: 10, ...noSleep(waited) });
  assert.deepEqual(waited, [MAX_RETRY_AFTER_MS]);
});

it('reads Retry-After in seconds or as an HTTP date', () => {
  const now = Date.parse('2026-11-29T12:00:00Z');
  assert.equal(retryAfterOf('12', now), 12);
  assert.equal(retryAfterOf('Sun, 29 Nov 2026 12:00:30 GMT', now), 30);
  assert.equal(retryAfterOf(null, now), undefined);
  assert.equal(retryAfterOf('soon', now), undefined);
});
