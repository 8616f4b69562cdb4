import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coveredSeconds, matchedRanges, mergeRanges } from './time-ranges.js';

const times = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

test('runs of matched frames become ranges; an unmatched frame ends one', () => {
  const verdicts = Int8Array.from([1, 1, 0, 1, 1, 1, 0, 0, 1, 0]);
  assert.deepEqual(matchedRanges(times, verdicts), [
    { start: 0, end: 1, frames: 2 },
    { start: 3, end: 5, frames: 3 },
    { start: 8, end: 8, frames: 1 },
  ]);
  assert.equal(coveredSeconds(matchedRanges(times, verdicts)), 3);
});

test('frames that were not compared (low quality) neither break nor extend a range', () => {
  const verdicts = Int8Array.from([-1, 1, -1, -1, 1, -1, 0, -1, 1, -1]);
  assert.deepEqual(matchedRanges(times, verdicts), [
    { start: 1, end: 4, frames: 2 },
    { start: 8, end: 8, frames: 1 },
  ]);
  assert.deepEqual(matchedRanges(times, new Int8Array(10).fill(-1)), []);
  assert.deepEqual(matchedRanges([], new Int8Array(0)), []);
});

test('merging joins overlapping and touching ranges, in time order, and keeps separate ones apart', () => {
  assert.deepEqual(
    mergeRanges([
      { start: 40, end: 50, frames: 11 },
      { start: 0, end: 10, frames: 11 },
      { start: 5, end: 20, frames: 16 },
      { start: 20, end: 22, frames: 3 },
    ]),
    [
      { start: 0, end: 22, frames: 30 },
      { start: 40, end: 50, frames: 11 },
    ],
  );
  assert.deepEqual(mergeRanges([]), []);
});
