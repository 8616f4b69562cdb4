/** Where a review-order list starts at a position: the status holding it and how far into it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../domain/app-error.js';
import { checkOneStart, startOf } from './scan-result-order.js';

test('the position falls in the status whose results hold it, counted in review order', () => {
  const counts = { new: 3, known: 2, ignorable: 4 };
  const statuses = ['new', 'near-duplicate', 'known', 'error', 'ignorable'] as const;
  assert.deepEqual(startOf(statuses, counts, 0), { status: 'new', skip: 0 });
  assert.deepEqual(startOf(statuses, counts, 2), { status: 'new', skip: 2 });
  assert.deepEqual(startOf(statuses, counts, 3), { status: 'known', skip: 0 }, 'an empty status is passed over');
  assert.deepEqual(startOf(statuses, counts, 5), { status: 'ignorable', skip: 0 });
  assert.deepEqual(startOf(statuses, counts, 8), { status: 'ignorable', skip: 3 });
  assert.equal(startOf(statuses, counts, 9), null, 'past the end');
});

test('only the statuses asked count: others hold no positions', () => {
  const counts = { new: 3, known: 2, ignorable: 4 };
  assert.deepEqual(startOf(['known', 'ignorable'], counts, 1), { status: 'known', skip: 1 });
  assert.deepEqual(startOf(['known', 'ignorable'], counts, 2), { status: 'ignorable', skip: 0 });
  assert.equal(startOf(['near-duplicate'], counts, 0), null);
});

test('a cursor and an offset together are refused; either alone, or an empty cursor, is not', () => {
  assert.throws(
    () => checkOneStart({ cursor: '0:5', offset: 0 }),
    (e: unknown) => e instanceof AppError,
  );
  checkOneStart({ cursor: '0:5' });
  checkOneStart({ offset: 7 });
  checkOneStart({ cursor: '', offset: 7 });
});
