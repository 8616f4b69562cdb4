import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VpdqFeature } from './vpdq-feature.js';
import { matchVpdq, usableFeatures } from './vpdq-match.js';

/** A hash with the lowest `bits` bits set (bit k as PDQ numbers them: last hex digit holds 0–3). */
function hashWithBits(bits: number, offset = 0): string {
  let n = 0n;
  for (let k = offset; k < offset + bits; k++) n |= 1n << BigInt(k);
  return n.toString(16).padStart(64, '0');
}

function frames(hashes: string[], quality = 100): VpdqFeature[] {
  return hashes.map((hash, i) => ({ frameNumber: i, quality, hash, timestamp: i }));
}

test('a frame at distance 31 matches and one at 32 does not (the ≤ 31 rule)', () => {
  const zero = hashWithBits(0);
  assert.equal(matchVpdq(frames([zero]), frames([hashWithBits(31)])).queryPercent, 100);
  assert.equal(matchVpdq(frames([zero]), frames([hashWithBits(32)])).queryPercent, 0);
  // The tolerance is configurable.
  assert.equal(matchVpdq(frames([zero]), frames([hashWithBits(32)]), { maxDistance: 32 }).queryPercent, 100);
});

test('exact duplicate hashes count once, and frames below quality 50 not at all', () => {
  const [a, b, c, d] = [0, 64, 128, 192].map((o) => hashWithBits(64, o));
  const query = [...frames([a, a, a, b]), { frameNumber: 9, quality: 49, hash: c, timestamp: 9 }];
  assert.deepEqual(
    usableFeatures(query).map((f) => f.hash),
    [a, b],
  );
  const r = matchVpdq(query, frames([a, d, c]));
  // Query: {a, b} (c is below quality 50) → a found: 50%. Compared: {a, d, c} → only a found: 33.33%.
  assert.equal(r.queryPercent, 50);
  assert.equal(Math.round(r.comparedPercent * 100) / 100, 33.33);
  assert.equal(r.isMatch, false);
});

test('a match needs query% ≥ 80 by default; both thresholds are configurable', () => {
  const hashes = Array.from({ length: 5 }, (_, i) => hashWithBits(40, i * 40));
  const query = frames(hashes);
  const fourOfFive = frames([...hashes.slice(0, 4), hashWithBits(1, 255)]);
  const r = matchVpdq(query, fourOfFive);
  assert.deepEqual([r.queryPercent, r.comparedPercent, r.isMatch], [80, 80, true]);
  assert.equal(matchVpdq(query, fourOfFive, { minQueryPercent: 81 }).isMatch, false);
  assert.equal(matchVpdq(query, fourOfFive, { minComparedPercent: 90 }).isMatch, false);
  // A query contained in a longer video: query 100%, compared small, still a match by default.
  const longer = frames([...hashes, ...Array.from({ length: 15 }, (_, i) => hashWithBits(7, i * 17 + 1))]);
  const contained = matchVpdq(query, longer);
  assert.deepEqual([contained.queryPercent, contained.comparedPercent, contained.isMatch], [100, 25, true]);
});

test('a side with no usable frame gives 0% and no match', () => {
  const dark = frames([hashWithBits(3)], 10);
  assert.deepEqual(matchVpdq(dark, dark), { queryPercent: 0, comparedPercent: 0, isMatch: false });
  assert.deepEqual(matchVpdq([], frames([hashWithBits(3)])), { queryPercent: 0, comparedPercent: 0, isMatch: false });
});
