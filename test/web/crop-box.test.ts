import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cropStyle, dragToCrop } from '../../web/src/pages/crop-box.js';

describe('clue crop box', () => {
  const shown = { width: 400, height: 300 };
  const natural = { width: 4000, height: 3000 };

  it('turns a drag over the shown picture into the media’s pixels, in any direction', () => {
    const crop = { x: 1000, y: 500, w: 1000, h: 1000 };
    assert.deepEqual(dragToCrop({ x: 100, y: 50 }, { x: 200, y: 150 }, shown, natural), crop);
    assert.deepEqual(dragToCrop({ x: 200, y: 150 }, { x: 100, y: 50 }, shown, natural), crop, 'dragged up and left');
    assert.deepEqual(dragToCrop({ x: 200, y: 50 }, { x: 100, y: 150 }, shown, natural), crop, 'dragged down and left');
  });

  it('keeps the box inside the picture when the pointer leaves it', () => {
    assert.deepEqual(dragToCrop({ x: -50, y: -20 }, { x: 900, y: 700 }, shown, natural), {
      x: 0,
      y: 0,
      w: 4000,
      h: 3000,
    });
    const edge = dragToCrop({ x: 390, y: 290 }, { x: 450, y: 350 }, shown, natural);
    assert.deepEqual(edge, { x: 3900, y: 2900, w: 100, h: 100 });
  });

  it('takes a click or a sliver for no box, and never gives an empty rectangle', () => {
    assert.equal(dragToCrop({ x: 10, y: 10 }, { x: 12, y: 40 }, shown, natural), null);
    assert.equal(dragToCrop({ x: 10, y: 10 }, { x: 10, y: 10 }, shown, natural), null);
    assert.equal(dragToCrop({ x: 0, y: 0 }, { x: 9, y: 9 }, { width: 0, height: 0 }, natural), null);
    // A picture smaller than it is shown: at least one pixel each way, within the media.
    const tiny = dragToCrop({ x: 396, y: 296 }, { x: 400, y: 300 }, shown, { width: 10, height: 10 });
    assert.deepEqual(tiny, { x: 9, y: 9, w: 1, h: 1 });
  });

  it('draws a stored crop back over the picture as percentages', () => {
    assert.deepEqual(cropStyle({ x: 1000, y: 750, w: 2000, h: 1500 }, natural), {
      left: '25.000%',
      top: '25.000%',
      width: '50.000%',
      height: '50.000%',
    });
  });
});
