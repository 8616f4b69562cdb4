import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gridWindow, moveFocus } from '../../web/src/components/grid-window.js';

describe('review grid window', () => {
  it('draws only the rows in view plus the overscan, wherever the grid is scrolled', () => {
    const at = (scrollTop: number) =>
      gridWindow({ count: 10_000, width: 1000, height: 600, scrollTop, cell: 100, overscanRows: 2 });
    assert.deepEqual(at(0), { columns: 10, first: 0, last: 89, offsetTop: 0, totalHeight: 100_000 });
    const middle = at(50_000);
    assert.deepEqual([middle.first, middle.last, middle.offsetTop], [4_980, 5_089, 49_800]);
    const end = at(99_400);
    assert.equal(end.last, 9_999);
    assert.ok(end.last - end.first + 1 <= 100, 'a few rows, never the whole grid');
  });

  it('copes with nothing to draw and a box narrower than one cell', () => {
    const none = gridWindow({ count: 0, width: 500, height: 300, scrollTop: 0, cell: 100 });
    assert.ok(none.last < none.first);
    assert.equal(none.totalHeight, 0);
    assert.equal(gridWindow({ count: 3, width: 40, height: 300, scrollTop: 0, cell: 100 }).columns, 1);
  });

  it('moves the focus by arrows (mirrored right to left), Home and End, inside the grid', () => {
    assert.equal(moveFocus(5, 'ArrowRight', 4, 10), 6);
    assert.equal(moveFocus(5, 'ArrowRight', 4, 10, true), 4);
    assert.equal(moveFocus(5, 'ArrowDown', 4, 10), 9);
    assert.equal(moveFocus(9, 'ArrowDown', 4, 10), 9);
    assert.equal(moveFocus(1, 'ArrowUp', 4, 10), 0);
    assert.equal(moveFocus(5, 'End', 4, 10), 9);
    assert.equal(moveFocus(5, 'Home', 4, 10), 0);
    assert.equal(moveFocus(5, 'x', 4, 10), null);
  });

  it('moves the focus a screen of rows by Page Down and Page Up, kept inside the grid', () => {
    // Unhandled, the key scrolled the grid natively and the focused cell left the page with the focus.
    assert.equal(moveFocus(5, 'PageDown', 10, 10_000, false, 4), 45);
    assert.equal(moveFocus(45, 'PageUp', 10, 10_000, false, 4), 5);
    assert.equal(moveFocus(9_995, 'PageDown', 10, 10_000, false, 4), 9_999);
    assert.equal(moveFocus(3, 'PageUp', 10, 10_000, false, 4), 0);
    assert.equal(moveFocus(3, 'PageDown', 10, 10_000), 13, 'at least a row');
  });
});
