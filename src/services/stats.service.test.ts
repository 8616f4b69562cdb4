import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastMonths } from './stats.service.js';

test('the last 12 months end with the current one and cross the year, from the first one’s start', () => {
  const { months, since } = lastMonths(Date.UTC(2026, 1, 28, 23, 59));
  assert.deepEqual(months, [
    '2025-03',
    '2025-04',
    '2025-05',
    '2025-06',
    '2025-07',
    '2025-08',
    '2025-09',
    '2025-10',
    '2025-11',
    '2025-12',
    '2026-01',
    '2026-02',
  ]);
  assert.equal(since, Date.UTC(2025, 2, 1));
  assert.deepEqual(lastMonths(Date.UTC(2026, 0, 1), 2), {
    months: ['2025-12', '2026-01'],
    since: Date.UTC(2025, 11, 1),
  });
});
