import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChunkLayout } from './chunk-plan.js';
import { MihSegment } from './mih-segment.js';
import type { IndexMatch } from './signal-index.js';

/** xorshift32: seeded, so a failure is repeatable. */
function words(count: number, seed: number): Uint32Array {
  const out = new Uint32Array(count);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x;
  }
  return out;
}

function flipBits(hash: Uint32Array, bits: readonly number[]): Uint32Array {
  const out = Uint32Array.from(hash);
  for (const b of bits) out[b >> 5] ^= 1 << (b & 31);
  return out;
}

const sorted = (ms: IndexMatch[]) => [...ms].sort((a, b) => a.distance - b.distance || a.id - b.id);

/** 22-bit chunks (the widths a 10M-hash segment gets), so radius 3 probes 1,794 buckets a chunk. */
const WIDE: ChunkLayout = {
  starts: Array.from({ length: 12 }, (_, i) => (i < 8 ? i * 21 : 168 + (i - 8) * 22)),
  widths: Array.from({ length: 12 }, (_, i) => (i < 8 ? 21 : 22)),
};

test('the WebAssembly kernel finds exactly what the JavaScript path finds, batches overflowing included', () => {
  const n = 40_000;
  const hashes = words(n * 8, 7);
  // 3,000 copies of one hash: a single bucket holds more candidates than one batch (2,048), and
  // their matches stay under the kernel's RESULT_CAP (4,096), so the kernel's answer is the one
  // compared (past the cap it hands the query to the JavaScript path).
  const crowd = hashes.subarray(0, 8);
  for (let i = 1; i <= 3000; i++) hashes.set(flipBits(crowd, i % 3 === 0 ? [200 + (i % 50)] : []), i * 8);
  const ids = Uint32Array.from({ length: n }, (_, i) => i + 1);
  const segment = MihSegment.build(WIDE, hashes, ids, n, 0);
  // Radius 3 in every chunk: each chunk's 1,794 probed buckets overflow the batch of 1,024 ranges.
  const everyChunkAt3 = new Int8Array(12).fill(3);
  const firstChunksOnly = Int8Array.from({ length: 12 }, (_, c) => (c < 6 ? 2 : -1));
  const needles = [
    crowd,
    flipBits(crowd, [3, 70, 140]),
    ...Array.from({ length: 20 }, (_, q) =>
      flipBits(hashes.subarray((q * 977 + 6000) * 8, (q * 977 + 6001) * 8), [q, q + 40, q + 99]),
    ),
    ...Array.from({ length: 10 }, (_, q) => words(8, 1000 + q)),
  ];
  // The JavaScript path on its own, and a count of the times the kernel handed a query to it.
  const javascript = segment.query.bind(segment);
  let handedOver = 0;
  segment.query = (...args: Parameters<MihSegment['query']>) => {
    handedOver++;
    javascript(...args);
  };
  let compared = 0;
  for (const needle of needles) {
    for (const [radii, d] of [
      [everyChunkAt3, 47],
      [firstChunksOnly, 17],
    ] as const) {
      const kernel: IndexMatch[] = [];
      const js: IndexMatch[] = [];
      segment.searchChunks(needle, d, radii, kernel);
      javascript(needle, d, radii, js);
      assert.deepEqual(sorted(kernel), sorted(js), `radius ${d}`);
      assert.equal(new Set(kernel.map((m) => m.id)).size, kernel.length, 'each match once');
      compared += kernel.length;
    }
  }
  assert.ok(compared > 10_000, `the needles found matches to compare (${compared})`);
  assert.equal(handedOver, 0, 'every query was answered by the kernel, none by the JavaScript path');
});
