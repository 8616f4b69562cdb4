import assert from 'node:assert/strict';
import { test } from 'node:test';
import { vicsTime } from './vics-hash-list.js';

test('segment bounds are written HH:MM:SS, with milliseconds only when not whole', () => {
  assert.deepEqual([0, 1, 59.5, 61, 3600, 3725.25, -3].map(vicsTime), [
    '00:00:00',
    '00:00:01',
    '00:00:59.500',
    '00:01:01',
    '01:00:00',
    '01:02:05.250',
    '00:00:00',
  ]);
});
