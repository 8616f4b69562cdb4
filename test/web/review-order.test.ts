/**
 * The list the media page steps through, handed over in sessionStorage (a stand-in here, as Node
 * has none): kept and read back, nothing or something else stored reads as none, a refusing
 * storage is no error, and "back" goes to the exhibit or the series it came from.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { readReviewOrder, reviewBack, saveReviewOrder } from '../../web/src/pages/review-order.js';

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
    assert.equal(reviewBack(null), null);
  });
});
