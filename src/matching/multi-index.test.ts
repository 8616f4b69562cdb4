import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeHashes } from '../../test/support/hash-data.js';
import { wordsToHex } from './hash256.js';
import { MultiIndex } from './multi-index.js';

test('a large build becomes equal shards, and merges never grow a segment past the cap', () => {
  const index = new MultiIndex({ bufferSize: 1000, maxSegmentHashes: 6000 });
  const data = makeHashes(20_000, 'random', 2);
  index.buildFlat(data);
  assert.deepEqual(index.shape.segments, [5000, 5000, 5000, 5000]);
  const more = makeHashes(9000, 'random', 3);
  for (let i = 0; i < 9000; i++) index.add(100_000 + i, wordsToHex(more.hashes, i * 8));
  assert.ok(
    index.shape.segments.every((n) => n <= 6000),
    `segments ${index.shape.segments}`,
  );
  assert.equal(index.size, 29_000);
});

test('adds flush the write buffer into segments, merged so that there are few of them', () => {
  const index = new MultiIndex({ bufferSize: 100 });
  const data = makeHashes(12_800, 'random', 4);
  for (let i = 0; i < 12_850; i++) index.add(i, wordsToHex(data.hashes, (i % 12_800) * 8));
  const { segments, buffered } = index.shape;
  assert.equal(buffered, 50);
  assert.equal(
    segments.reduce((a, b) => a + b, 0),
    12_800,
  );
  // Each segment is more than twice the next, so there are O(log n) of them.
  for (let k = 1; k < segments.length; k++) assert.ok(segments[k - 1] > 2 * segments[k], `${segments}`);
  assert.ok(segments.length <= Math.log2(128) + 1);
});

test('removing most of a segment rebuilds it from its live hashes', () => {
  const index = new MultiIndex();
  const data = makeHashes(3000, 'random', 6);
  index.buildFlat(data);
  for (let i = 0; i < 1600; i++) index.remove(i);
  // Rebuilt when the 1,501st removal left it less than half live; 99 removed since.
  assert.deepEqual(index.shape.segments, [1499]);
  assert.equal(index.size, 1400);
  for (let i = 1600; i < 3000; i++) index.remove(i);
  assert.deepEqual(index.shape.segments, []);
  assert.equal(index.size, 0);
});
