import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { audienceOf, offeredReaders } from '../../web/src/components/note-audience.js';

const agencies = [
  { id: 1, name: 'Unit A', countryCode: 'NO' },
  { id: 2, name: 'Unit B', countryCode: 'BE' },
  { id: 3, name: 'Unit C', countryCode: 'FR' },
];

describe('web: who a note is for', () => {
  it('offers the agencies that may see the subject, never the writer’s own', () => {
    assert.deepEqual(
      offeredReaders(agencies, 'all', 1).map((a) => a.id),
      [2, 3],
    );
    assert.deepEqual(
      offeredReaders(agencies, [1, 3], 1).map((a) => a.id),
      [3],
      'a restricted series offers only the agencies it is shared with',
    );
    assert.deepEqual(offeredReaders(agencies, [2], 2), []);
  });

  it('names the author agency and the other readers, once each, by id when the directory lacks one', () => {
    assert.deepEqual(audienceOf({ agencyId: 1, visibleTo: [] }, agencies), { author: 'Unit A', readers: [] });
    assert.deepEqual(audienceOf({ agencyId: 1, visibleTo: [1, 2, 3, 2] }, agencies), {
      author: 'Unit A',
      readers: ['Unit B', 'Unit C'],
    });
    assert.deepEqual(audienceOf({ agencyId: 9, visibleTo: [7] }, agencies), { author: '#9', readers: ['#7'] });
  });
});
