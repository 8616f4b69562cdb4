import assert from 'node:assert/strict';
import { it } from 'node:test';
import { jitteredDelay } from './refresh-jitter.js';

it('stays within half and one and a half times the mean, at both ends of the random range', () => {
  assert.equal(jitteredDelay(10_000, 0), 5_000);
  assert.equal(jitteredDelay(10_000, 0.5), 10_000);
  const top = jitteredDelay(10_000, 1 - Number.EPSILON);
  assert.ok(top < 15_000 && top > 14_999, String(top));
  // Out-of-range draws are held to the range, never beyond it.
  assert.equal(jitteredDelay(10_000, -1), 5_000);
  assert.ok(jitteredDelay(10_000, 2) < 15_000);
  assert.equal(jitteredDelay(10_000, Number.NaN), 10_000);
});

it('spreads real draws over the whole range around the mean', () => {
  const draws = Array.from({ length: 20_000 }, () => jitteredDelay(1_000));
  const min = Math.min(...draws);
  const max = Math.max(...draws);
  const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
  assert.ok(min >= 500 && min < 510, `lowest ${min}`);
  assert.ok(max < 1_500 && max > 1_490, `highest ${max}`);
  assert.ok(Math.abs(mean - 1_000) < 10, `mean ${mean}`);
  // Ten equal bins all filled: no clustering that would bring processes back in step.
  const bins = new Array(10).fill(0);
  for (const d of draws) bins[Math.floor((d - 500) / 100)]++;
  for (const n of bins) assert.ok(n > 1_600 && n < 2_400, `bins ${bins.join(',')}`);
});

it('refuses an interval that is not a positive number', () => {
  for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(() => jitteredDelay(bad), /positive number of milliseconds/);
  }
});
