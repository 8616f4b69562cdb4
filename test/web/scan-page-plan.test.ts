import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allHeld,
  type HeldPage,
  heldRows,
  knownEnd,
  nextFetch,
  rowsByPosition,
} from '../../web/src/hooks/scan-page-plan.js';

const SIZE = 10;
/** A page of rows numbered by their position, with the cursor the hub would give after it. */
const page = (n: number, count = SIZE, more = true): HeldPage<number> => ({
  rows: Array.from({ length: count }, (_, i) => n * SIZE + i),
  nextCursor: more ? `c${n}` : null,
});
const held = (...pages: [number, HeldPage<number>][]) => new Map(pages);

describe('which page of scan results to fetch next', () => {
  it('reads a prefix page after page, each by the cursor of the one before', () => {
    const want = { first: 0, last: 29 };
    assert.deepEqual(nextFetch(held(), SIZE, want), { page: 0, offset: 0 });
    assert.deepEqual(nextFetch(held([0, page(0)]), SIZE, want), { page: 1, cursor: 'c0' });
    assert.deepEqual(nextFetch(held([0, page(0)], [1, page(1)]), SIZE, want), { page: 2, cursor: 'c1' });
    assert.equal(nextFetch(held([0, page(0)], [1, page(1)], [2, page(2)]), SIZE, want), null);
  });

  it('jumps far by offset, fetching the pages in view before the margin around them', () => {
    const pages = held([0, page(0)]);
    const view = { first: 975, last: 989 };
    const want = { first: 950, last: 999 };
    assert.deepEqual(nextFetch(pages, SIZE, want, view), { page: 97, offset: 970 });
    pages.set(97, page(97));
    assert.deepEqual(nextFetch(pages, SIZE, want, view), { page: 98, cursor: 'c97' }, 'then on by its cursor');
    pages.set(98, page(98));
    assert.deepEqual(nextFetch(pages, SIZE, want, view), { page: 96, offset: 960 }, 'then the nearest margin page');
    pages.set(96, page(96));
    assert.deepEqual(nextFetch(pages, SIZE, want, view), { page: 99, cursor: 'c98' }, 'as near below');
    pages.set(99, page(99, 4, false));
    assert.deepEqual(nextFetch(pages, SIZE, want, view), { page: 95, offset: 950 }, 'above: its page before is a hole');
    pages.set(95, page(95));
    assert.equal(nextFetch(pages, SIZE, want, view), null, 'everything the range needs is held');
  });

  it('fetches nothing past the end once a page has shown it', () => {
    const ended = held([0, page(0)], [1, page(1, 3, false)]);
    assert.equal(knownEnd(ended, SIZE), 13);
    assert.equal(nextFetch(ended, SIZE, { first: 0, last: 99 }), null);
    assert.equal(allHeld(ended, SIZE), true);
    const pastEnd = held([5, { rows: [], nextCursor: null }]);
    assert.equal(knownEnd(pastEnd, SIZE), null, 'an empty page says only that the end is before it');
    assert.deepEqual(nextFetch(pastEnd, SIZE, { first: 40, last: 79 }), { page: 4, offset: 40 });
    assert.equal(nextFetch(held([4, page(4)], ...pastEnd), SIZE, { first: 40, last: 79 }), null);
    assert.equal(allHeld(held([0, page(0)], [1, page(1)]), SIZE), false, 'no end seen yet');
    assert.equal(allHeld(held([1, page(1, 3, false)]), SIZE), false, 'the end is known, an earlier page is not held');
  });

  it('asks for nothing when the range is empty', () => {
    assert.equal(nextFetch(held(), SIZE, { first: 0, last: -1 }), null);
  });
});

describe('rows kept by position', () => {
  it('puts each page at its place, with holes where pages are missing, and lists only the rows held', () => {
    const rows = rowsByPosition(held([2, page(2, 3, false)], [0, page(0)]), SIZE);
    assert.equal(rows.length, 23);
    assert.equal(rows[9], 9);
    assert.equal(rows[10], undefined, 'a hole');
    assert.equal(rows[21], 21);
    assert.deepEqual(heldRows(rows), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 21, 22]);
  });
});
