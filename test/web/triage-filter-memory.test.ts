/** The triage filters kept for the tab per exhibit (web/src/pages/triage-filter-memory.ts). */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { NO_FILTER } from '../../web/src/pages/triage-filter.js';
import { keepTriageFilter, recallTriageFilter } from '../../web/src/pages/triage-filter-memory.js';

const memory = () => {
  const held = new Map<string, string>();
  return { getItem: (k: string) => held.get(k) ?? null, setItem: (k: string, v: string) => void held.set(k, v) };
};

it('gives back the filter last kept for the same exhibit, and none for another', () => {
  const store = memory();
  const narrowed = { ...NO_FILTER, status: 'new', category: 'none', from: '2024-05-01', gps: 'with' as const };
  keepTriageFilter(7, narrowed, store);
  assert.deepEqual(recallTriageFilter(7, store), narrowed);
  assert.deepEqual(recallTriageFilter(8, store), NO_FILTER);
  assert.deepEqual(recallTriageFilter(7, undefined), NO_FILTER, 'no storage: no filter');
});

it('reads anything malformed as no filter', () => {
  const store = memory();
  for (const raw of ['{', '"new"', 'null', '{"status":"new"}', JSON.stringify({ ...NO_FILTER, gps: 'maybe' })]) {
    store.setItem('vigil.triage-filter.3', raw);
    assert.deepEqual(recallTriageFilter(3, store), NO_FILTER, raw);
  }
  store.setItem('vigil.triage-filter.3', JSON.stringify({ ...NO_FILTER, to: '1 May' }));
  assert.deepEqual(recallTriageFilter(3, store), NO_FILTER, 'a date not as the date field writes it');
  const refusing = { getItem: () => null, setItem: () => assert.fail('full') };
  assert.doesNotThrow(() => keepTriageFilter(3, NO_FILTER, refusing));
});
