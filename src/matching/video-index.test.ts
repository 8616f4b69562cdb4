import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flipBits, words32 } from '../../test/support/hash-data.js';
import { AppError } from '../domain/app-error.js';
import type { VpdqFeature } from '../signals/vpdq/vpdq-feature.js';
import { matchVpdq } from '../signals/vpdq/vpdq-match.js';
import { wordsToHex } from './hash256.js';
import { VideoIndex } from './video-index.js';

/** A "scene": a base hash; frames of one scene differ by a few bits, scenes by ~128. */
function scenes(count: number, seed: number): Uint32Array[] {
  const next = words32(seed);
  return Array.from({ length: count }, () => Uint32Array.from({ length: 8 }, next));
}

function frameOf(scene: Uint32Array, bits: number, next: () => number): string {
  const h = Uint32Array.from(scene);
  flipBits(h, 0, bits, next);
  return wordsToHex(h);
}

/** A video: one frame per second walking through `sceneIds`, with noise, duplicates and dark frames. */
function video(sceneIds: number[], pool: Uint32Array[], seed: number): VpdqFeature[] {
  const next = words32(seed);
  return sceneIds.map((s, i) => ({
    frameNumber: i * 30,
    quality: next() % 10 === 0 ? 20 : 100,
    hash: next() % 7 === 0 ? wordsToHex(pool[s]) : frameOf(pool[s], next() % 40, next),
    timestamp: i,
  }));
}

test('one query against many videos gives the same percentages as matching each pair by brute force', () => {
  const pool = scenes(60, 1);
  const next = words32(2);
  const videos = Array.from({ length: 40 }, (_, v) =>
    video(
      Array.from({ length: 10 + (next() % 30) }, () => next() % 60),
      pool,
      100 + v,
    ),
  );
  // A small write buffer, so most frames sit in multi-index segments.
  const index = new VideoIndex({ multiIndex: { bufferSize: 64 } });
  for (const [id, features] of videos.entries()) index.add(id, features);
  assert.equal(index.size, 40);
  let shared = 0;
  for (let q = 0; q < 6; q++) {
    const query = video(
      Array.from({ length: 15 }, () => next() % 60),
      pool,
      900 + q,
    );
    const got = new Map(index.query(query, { includeNonMatches: true }).map((m) => [m.videoId, m]));
    videos.forEach((features, id) => {
      const want = matchVpdq(query, features);
      const m = got.get(id);
      if (want.queryPercent === 0) {
        assert.equal(m, undefined, `video ${id}`);
      } else {
        shared++;
        assert.deepEqual(
          [m?.queryPercent, m?.comparedPercent, m?.isMatch],
          [want.queryPercent, want.comparedPercent, want.isMatch],
          `video ${id}`,
        );
      }
    });
  }
  assert.ok(shared > 50, `only ${shared} pairs shared frames`);
});

test('results give the matched time ranges in the query and in the known video', () => {
  const pool = scenes(30, 3);
  const next = words32(4);
  const frames = (ids: number[], t0 = 0): VpdqFeature[] =>
    ids.map((s, i) => ({ frameNumber: i, quality: 100, hash: frameOf(pool[s], next() % 8, next), timestamp: t0 + i }));
  // The known video shows scenes 10–19, then the query's scenes 0–4 (at 10–14 s), then 20–24.
  const known = frames([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 0, 1, 2, 3, 4, 20, 21, 22, 23, 24]);
  const index = new VideoIndex();
  index.add(7, known);
  index.add(8, frames([25, 26, 27, 28, 29]));
  const [m, ...rest] = index.query(frames([0, 1, 2, 3, 4]), { minQueryPercent: 80 });
  assert.equal(rest.length, 0);
  assert.equal(m.videoId, 7);
  assert.deepEqual([m.queryPercent, m.comparedPercent, m.isMatch], [100, 25, true]);
  assert.deepEqual(m.queryRanges, [{ start: 0, end: 4, frames: 5 }]);
  assert.deepEqual(m.comparedRanges, [{ start: 10, end: 14, frames: 5 }]);
  // A query holding two separate pieces of the known video gets two ranges there.
  const two = index.query(frames([10, 11, 12, 20, 21, 22]))[0];
  assert.deepEqual(
    two.comparedRanges.map((r) => [r.start, r.end]),
    [
      [0, 2],
      [15, 17],
    ],
  );
  assert.deepEqual(
    two.queryRanges.map((r) => [r.start, r.end]),
    [[0, 5]],
  );
});

test('thresholds apply per query; a removed video is no longer found; ids are unique', () => {
  const pool = scenes(10, 5);
  const next = words32(6);
  const frames = (ids: number[]) =>
    ids.map((s, i) => ({ frameNumber: i, quality: 100, hash: frameOf(pool[s], 2, next), timestamp: i }));
  const index = new VideoIndex();
  index.add(1, frames([0, 1, 2, 3, 4, 5, 6, 7]));
  const query = frames([0, 1, 2, 9]); // 3 of 4 distinct frames found: 75%
  assert.deepEqual(index.query(query), []);
  assert.equal(index.query(query, { includeNonMatches: true })[0].queryPercent, 75);
  assert.equal(index.query(query, { minQueryPercent: 75 })[0].isMatch, true);
  assert.throws(
    () => index.add(1, query),
    (e: unknown) => AppError.is(e, 'conflict'),
  );
  assert.equal(index.remove(1), true);
  assert.equal(index.remove(1), false);
  assert.deepEqual(index.query(query, { includeNonMatches: true }), []);
  assert.equal(index.frameCount, 0);
});
