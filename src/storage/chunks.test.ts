import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chunk, rowsPerInsert } from './chunks.js';

test('chunk splits in order, the last part shorter', () => {
  assert.deepEqual(chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
  assert.deepEqual(chunk([], 3), []);
  assert.throws(() => chunk([1], 0), RangeError);
});

test('rows per insert stay under each dialect parameter limit', () => {
  assert.equal(rowsPerInsert('sqlite', 9), 1000);
  assert.equal(rowsPerInsert('sqlite', 9, 10_000), Math.floor(32_766 / 9));
  assert.equal(rowsPerInsert('postgres', 9, 10_000), Math.floor(65_535 / 9));
  assert.equal(rowsPerInsert('postgres', 100_000), 1);
});
