import assert from 'node:assert/strict';
import { it } from 'node:test';
import { linkedRecords } from '../../web/src/pages/place-links.js';

it('lists the other end of each link of a place, either direction, with its page where the app has one', () => {
  const links = [
    { id: 1, from: { kind: 'series', id: 7 }, to: { kind: 'place', id: 3 }, relation: 'located_at' },
    { id: 2, from: { kind: 'place', id: 3 }, to: { kind: 'media', id: 40 }, relation: 'taken_at' },
    { id: 3, from: { kind: 'clue', id: 5 }, to: { kind: 'place', id: 3 }, relation: 'points_to' },
    { id: 4, from: { kind: 'place', id: 3 }, to: { kind: 'place', id: 9 }, relation: 'near' },
  ];
  assert.deepEqual(
    linkedRecords(links, 3).map((r) => [r.kind, r.id, r.href]),
    [
      ['series', 7, '/series/7'],
      ['media', 40, '/media/40'],
      ['clue', 5, null],
      ['place', 9, '/places/9'],
    ],
  );
});
