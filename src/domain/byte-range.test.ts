import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRangeHeader, resolveByteRange } from './byte-range.js';

describe('byte ranges', () => {
  test('reads the three forms of one bytes range, and nothing else', () => {
    assert.deepEqual(parseRangeHeader('bytes=0-499'), { start: 0, end: 499 });
    assert.deepEqual(parseRangeHeader('bytes=500-'), { start: 500, end: null });
    assert.deepEqual(parseRangeHeader('bytes=-200'), { suffix: 200 });
    for (const other of [undefined, '', 'bytes=-', 'bytes=0-1,5-9', 'items=0-5', 'bytes=a-b', 'bytes=1-2-3']) {
      assert.equal(parseRangeHeader(other), null, String(other));
    }
    assert.equal(parseRangeHeader('bytes=99999999999999999999-'), null, 'beyond a safe integer');
  });

  test('resolves a range against the size, cutting an end past it, refusing what lies outside', () => {
    assert.deepEqual(resolveByteRange({ start: 0, end: 499 }, 1000), { start: 0, end: 499 });
    assert.deepEqual(resolveByteRange({ start: 900, end: 5000 }, 1000), { start: 900, end: 999 });
    assert.deepEqual(resolveByteRange({ start: 500, end: null }, 1000), { start: 500, end: 999 });
    assert.deepEqual(resolveByteRange({ suffix: 200 }, 1000), { start: 800, end: 999 });
    assert.deepEqual(resolveByteRange({ suffix: 5000 }, 1000), { start: 0, end: 999 });
    assert.equal(resolveByteRange({ start: 1000, end: null }, 1000), null);
    assert.equal(resolveByteRange({ start: 10, end: 5 }, 1000), null);
    assert.equal(resolveByteRange({ suffix: 0 }, 1000), null);
    assert.equal(resolveByteRange({ start: 0, end: null }, 0), null);
  });
});
