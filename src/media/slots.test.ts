import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { Slots } from './slots.js';

describe('Slots', () => {
  it('lets at most `size` holders in and hands slots on in arrival order', async () => {
    const slots = new Slots(2);
    const order: number[] = [];
    let inside = 0;
    let most = 0;
    const work = async (n: number) => {
      await slots.acquire();
      inside++;
      most = Math.max(most, inside);
      order.push(n);
      await tick();
      inside--;
      slots.release();
    };
    const all = Promise.all([1, 2, 3, 4, 5, 6].map(work));
    await tick();
    assert.equal(slots.held, 2);
    assert.equal(slots.waiting, 4);
    await all;
    assert.equal(most, 2);
    assert.deepEqual(order, [1, 2, 3, 4, 5, 6]);
    assert.equal(slots.held, 0);
    assert.equal(slots.waiting, 0);
  });

  it('refuses a size that is not a positive integer', () => {
    for (const size of [0, -1, 1.5, Number.NaN]) assert.throws(() => new Slots(size), RangeError);
  });
});
