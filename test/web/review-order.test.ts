/**
 * The list the media page steps through, handed over in sessionStorage (a stand-in here, as Node
 * has none): kept and read back, nothing or something else stored reads as none, a refusing
 * storage is no error, and "back" goes to the exhibit or the series it came from. An exhibit's
 * list by position: a step passes rows without media and the media shown, asks for the page of a
 * position not read yet (after a jump, between the grid's first and last pages), and ends where
 * the list ends.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  gridPosition,
  LIST_PAGE,
  listOf,
  type ReviewList,
  readReviewOrder,
  reviewBack,
  saveReviewOrder,
  stepList,
  withPage,
} from '../../web/src/pages/review-order.js';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

const scope = globalThis as { sessionStorage?: unknown };
let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  scope.sessionStorage = storage;
});
afterEach(() => {
  delete scope.sessionStorage;
});

describe('review order', () => {
  it('reads back the order saved, an exhibit’s or a series gallery’s', () => {
    assert.equal(readReviewOrder(), null, 'none before one is saved');
    saveReviewOrder({ exhibitId: 7, ids: [30, 12, 45] });
    assert.deepEqual(readReviewOrder(), { exhibitId: 7, ids: [30, 12, 45] });
    saveReviewOrder({ exhibitId: 0, seriesId: 3, ids: [5] });
    assert.deepEqual(readReviewOrder(), { exhibitId: 0, seriesId: 3, ids: [5] }, 'the latest replaces the last');
  });

  it('reads what is not an order as none', () => {
    for (const stored of [
      'not json{',
      'null',
      '42',
      '{"exhibitId":7}',
      '{"ids":[1,2]}',
      '{"exhibitId":"7","ids":[1]}',
      '{"exhibitId":7,"ids":"1,2"}',
      '{"exhibitId":7,"ids":[1,"2"]}',
      '{"exhibitId":7,"ids":[1.5]}',
      '{"exhibitId":0,"seriesId":"3","ids":[1]}',
      '{"exhibitId":7,"ids":[1],"list":{"query":{},"rows":[1,-2],"total":null,"at":0}}',
      '{"exhibitId":7,"ids":[1],"list":{"query":null,"rows":[1],"total":null,"at":0}}',
      '{"exhibitId":7,"ids":[1],"list":{"query":{},"rows":[1],"total":"1","at":0}}',
      '{"exhibitId":7,"ids":[1],"list":{"query":{},"rows":[1],"total":1}}',
    ]) {
      storage.items.set('vigil.review-order', stored);
      assert.equal(readReviewOrder(), null, stored);
    }
  });

  it('is no error when the storage refuses or is missing', () => {
    scope.sessionStorage = {
      getItem() {
        throw new Error('SecurityError: storage disabled');
      },
      setItem() {
        throw new Error('QuotaExceededError');
      },
    };
    assert.doesNotThrow(() => saveReviewOrder({ exhibitId: 1, ids: [1] }));
    assert.equal(readReviewOrder(), null);
    delete scope.sessionStorage;
    assert.doesNotThrow(() => saveReviewOrder({ exhibitId: 1, ids: [1] }));
    assert.equal(readReviewOrder(), null);
  });

  it('goes back to the exhibit, or to the series for a gallery, and nowhere without either', () => {
    assert.deepEqual(reviewBack({ exhibitId: 7, ids: [1] }), { path: '/exhibits/7', to: 'exhibit' });
    assert.deepEqual(reviewBack({ exhibitId: 0, seriesId: 3, ids: [1] }), { path: '/series/3', to: 'series' });
    assert.equal(reviewBack({ exhibitId: 0, ids: [1] }), null, 'never to /exhibits/0');
    assert.deepEqual(reviewBack({ exhibitId: 7, ids: [1], fromGrid: true }), {
      path: '/exhibits/7/review',
      to: 'grid',
    });
    assert.equal(reviewBack(null), null);
  });
});

describe('an exhibit list stepped through by position', () => {
  const list = (rows: Array<number | null>, at: number, total: number | null = null): ReviewList => ({
    query: { status: 'new' },
    rows,
    total,
    at,
  });

  it('passes rows without media and the media shown again, and stops at either end', () => {
    const l = list([10, 0, 10, 11, 12], 0, 5);
    assert.deepEqual(stepList(l, 10, 1), { kind: 'go', id: 11, at: 3 });
    assert.deepEqual(stepList(l, 10, -1), { kind: 'end' });
    assert.deepEqual(stepList({ ...l, at: 4 }, 12, 1), { kind: 'end' }, 'the last row of a list of 5');
    assert.deepEqual(stepList({ ...l, at: 3 }, 11, -1), { kind: 'go', id: 10, at: 2 });
  });

  it('starts from where the media first appears when it is not at the saved position', () => {
    assert.deepEqual(stepList(list([10, 11, 12], 0, 3), 11, 1), { kind: 'go', id: 12, at: 2 });
    assert.deepEqual(stepList(list([10, 11, 12], 0, 3), 99, 1), { kind: 'end' }, 'not in the list');
  });

  it('asks for the page of a position not read yet, and goes there once it is filled in', () => {
    // A grid after a jump to the end of 450 rows: pages 0 and 2 read, page 1 not.
    const rows: Array<number | null> = [];
    for (let p = 0; p < 450; p++) rows.push(p < LIST_PAGE || p >= 2 * LIST_PAGE ? 1000 + p : null);
    const jumped = list(rows, 2 * LIST_PAGE, 450);
    assert.deepEqual(stepList(jumped, 1400, -1), { kind: 'fetch', offset: LIST_PAGE });
    const filled = withPage(
      jumped,
      LIST_PAGE,
      Array.from({ length: LIST_PAGE }, (_, i) => (i === LIST_PAGE - 1 ? null : 1000 + LIST_PAGE + i)),
      false,
    );
    assert.deepEqual(stepList(filled, 1400, -1), { kind: 'go', id: 1398, at: 398 }, 'position 399 has no media');
    assert.equal(filled.total, 450);
    assert.deepEqual(stepList(filled, 1199, 1), { kind: 'go', id: 1200, at: 200 });
  });

  it('reads on past the last row read while the end is not known, and learns the end from a short page', () => {
    const prefix = list([1, 2, 3], 2, null);
    assert.deepEqual(stepList({ ...prefix, rows: Array(LIST_PAGE).fill(5) }, 5, 1), {
      kind: 'fetch',
      offset: LIST_PAGE,
    });
    const ended = withPage(prefix, 0, [1, 2, 3], true);
    assert.equal(ended.total, 3);
    assert.deepEqual(stepList(ended, 3, 1), { kind: 'end' });
    const empty = withPage(list(Array(LIST_PAGE).fill(5), 0, null), LIST_PAGE, [], false);
    assert.equal(empty.total, LIST_PAGE, 'an empty page says the list ends before it');
  });

  it('keeps the rows a page holds by position, holes as not read, and round-trips through storage', () => {
    const rows = [{ mediaId: 4 }, undefined, { mediaId: null }];
    rows.length = 5;
    const l = listOf({ status: 'new' }, rows, 0, null);
    assert.deepEqual(l.rows, [4, null, 0, null, null]);
    saveReviewOrder({ exhibitId: 7, ids: [4], list: l });
    assert.deepEqual(readReviewOrder(), { exhibitId: 7, ids: [4], list: l });
  });

  it('tells the grid where it was left: the position last opened or stepped to, for its own exhibit only', () => {
    const list: ReviewList = { query: {}, rows: [1, 2, 3], total: 3, at: 2 };
    assert.equal(gridPosition({ exhibitId: 7, ids: [], list, fromGrid: true }, 7), 2);
    assert.equal(gridPosition({ exhibitId: 7, ids: [], list, fromGrid: true }, 8), null, 'another exhibit');
    assert.equal(gridPosition({ exhibitId: 7, ids: [], list }, 7), null, 'opened from the triage');
    assert.equal(gridPosition(null, 7), null);
  });
});
