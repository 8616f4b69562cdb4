import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { thumbUrl } from '../../web/src/api/media-urls.js';
import { mediaKeyAction, neighbour, startOfLocalDay } from '../../web/src/pages/media-keys.js';

describe('media page keys', () => {
  it('digits categorise, arrows and j/k step, r reveals, g greys, Esc goes back', () => {
    assert.deepEqual(mediaKeyAction('3'), { kind: 'category', index: 3 });
    assert.deepEqual(mediaKeyAction('ArrowRight'), { kind: 'step', by: 1 });
    assert.deepEqual(mediaKeyAction('k'), { kind: 'step', by: -1 });
    assert.deepEqual(mediaKeyAction('R'), { kind: 'reveal' });
    assert.deepEqual(mediaKeyAction('g'), { kind: 'greyscale' });
    assert.deepEqual(mediaKeyAction('Escape'), { kind: 'back' });
    assert.equal(mediaKeyAction('x'), null);
  });

  it('mirrors the arrows right to left, and ignores keys typed into fields or with modifiers', () => {
    assert.deepEqual(mediaKeyAction('ArrowLeft', { rtl: true }), { kind: 'step', by: 1 });
    assert.deepEqual(mediaKeyAction('ArrowRight', { rtl: true }), { kind: 'step', by: -1 });
    assert.equal(mediaKeyAction('1', { inField: true }), null);
    assert.equal(mediaKeyAction('r', { modifier: true }), null);
  });

  it('steps through the review order and stops at its ends', () => {
    assert.equal(neighbour([4, 9, 2], 9, 1), 2);
    assert.equal(neighbour([4, 9, 2], 9, -1), 4);
    assert.equal(neighbour([4, 9, 2], 2, 1), null);
    assert.equal(neighbour([4, 9, 2], 7, 1), null);
  });

  it('counts "today" from local midnight and asks for pictures only through the audited route', () => {
    assert.equal(startOfLocalDay(new Date(2026, 10, 28, 17, 45)), new Date(2026, 10, 28).getTime());
    assert.equal(thumbUrl(5), '/api/v1/media/5/thumbnail');
    assert.equal(
      thumbUrl(5, { reveal: true, greyscale: true }),
      '/api/v1/media/5/thumbnail?reveal=true&greyscale=true',
    );
    assert.equal(thumbUrl(5, { still: 0 }), '/api/v1/media/5/thumbnail?still=0');
  });
});
