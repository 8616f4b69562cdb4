import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type FilterableRow, filterChoices, matchesFilter, NO_FILTER } from '../../web/src/pages/triage-filter.js';

const row = (over: Partial<FilterableRow>): FilterableRow => ({
  status: 'new',
  cameraSerial: null,
  takenAtLocal: null,
  hasGps: false,
  category: null,
  ...over,
});
const cat2 = { code: '2', label: 'Category 2' };
const rows = [
  row({ cameraSerial: 'SN-1', takenAtLocal: '2024-05-01T12:00:00', hasGps: true, category: cat2 }),
  row({ status: 'known', cameraSerial: 'SN-2', takenAtLocal: '2024-06-30T23:59:59' }),
  row({ status: 'error' }),
];
const kept = (f: Partial<typeof NO_FILTER>) =>
  rows.map((r, i) => (matchesFilter(r, { ...NO_FILTER, ...f }) ? i : -1)).filter((i) => i >= 0);

describe('triage filters', () => {
  it('keeps everything with no filter, and filters by status', () => {
    assert.deepEqual(kept({}), [0, 1, 2]);
    assert.deepEqual(kept({ status: 'known' }), [1]);
  });

  it('filters by own category, or by none yet', () => {
    assert.deepEqual(kept({ category: '2' }), [0]);
    assert.deepEqual(kept({ category: 'none' }), [1, 2]);
    assert.deepEqual(kept({ category: '3' }), []);
  });

  it('filters by camera serial and by GPS presence', () => {
    assert.deepEqual(kept({ camera: 'SN-2' }), [1]);
    assert.deepEqual(kept({ gps: 'with' }), [0]);
    assert.deepEqual(kept({ gps: 'without' }), [1, 2]);
  });

  it('filters by capture date, both bounds inclusive, leaving out rows without one', () => {
    assert.deepEqual(kept({ from: '2024-05-01' }), [0, 1]);
    assert.deepEqual(kept({ to: '2024-05-01' }), [0]);
    assert.deepEqual(kept({ from: '2024-05-02', to: '2024-06-30' }), [1]);
    assert.deepEqual(kept({ from: '2025-01-01' }), []);
  });

  it('combines filters, and lists the categories and cameras on offer once each', () => {
    assert.deepEqual(kept({ camera: 'SN-1', gps: 'without' }), []);
    assert.deepEqual(filterChoices([...rows, rows[0] as FilterableRow]), {
      categories: [cat2],
      cameras: ['SN-1', 'SN-2'],
    });
  });
});
