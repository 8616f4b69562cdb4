import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Bad, readBool, readCategory, readCount, readDate, readHex, readText } from './vics-values.js';

describe('VICS values', () => {
  test('booleans as JSON booleans, strings in any case, 1/0', () => {
    for (const v of [true, 'true', 'True', 'TRUE', '1', 1, ' yes ']) assert.equal(readBool(v), true, String(v));
    for (const v of [false, 'false', 'False', '0', 0, 'no']) assert.equal(readBool(v), false, String(v));
    for (const v of [null, undefined, '']) assert.equal(readBool(v), null);
    assert.ok(readBool('maybe') instanceof Bad);
    assert.ok(readBool(2) instanceof Bad);
  });

  test('.NET /Date(ms)/ times, with or without an offset, are the same instant', () => {
    assert.equal((readDate('/Date(1420070400000)/') as Date).toISOString(), '2015-01-01T00:00:00.000Z');
    assert.equal((readDate('/Date(1420070400000+0100)/') as Date).toISOString(), '2015-01-01T00:00:00.000Z');
    assert.equal((readDate('/Date(-86400000)/') as Date).toISOString(), '1969-12-31T00:00:00.000Z');
  });

  test('ISO times; one without a zone is UTC, never the machine zone', () => {
    assert.equal((readDate('2024-01-02T03:04:05Z') as Date).toISOString(), '2024-01-02T03:04:05.000Z');
    assert.equal((readDate('2024-01-02T03:04:05+02:00') as Date).toISOString(), '2024-01-02T01:04:05.000Z');
    assert.equal((readDate('2024-01-02T03:04:05.25') as Date).toISOString(), '2024-01-02T03:04:05.250Z');
    assert.equal((readDate('2024-01-02 03:04:05') as Date).toISOString(), '2024-01-02T03:04:05.000Z');
    assert.equal((readDate('2024-01-02') as Date).toISOString(), '2024-01-02T00:00:00.000Z');
    assert.equal((readDate('2024-02-29T23:59:59.999Z') as Date).toISOString(), '2024-02-29T23:59:59.999Z');
    assert.ok(readDate('2023-02-29T00:00:00Z') instanceof Bad, 'no 29 February in 2023');
    assert.ok(readDate('2024-13-01T00:00:00Z') instanceof Bad);
    assert.ok(readDate('2023-02-29T00:00:00+01:00') instanceof Bad, 'nor with a zone');
    assert.ok(readDate('2023-04-31') instanceof Bad);
    assert.equal(readDate(''), null);
    assert.ok(readDate('yesterday') instanceof Bad);
    assert.ok(readDate('/Date(abc)/') instanceof Bad);
  });

  test('hex in either case comes out lower-case; wrong length or digits are bad', () => {
    assert.equal(readHex('ABCDEF0123456789abcdef0123456789', 32), 'abcdef0123456789abcdef0123456789');
    assert.equal(readHex(' abcdef0123456789abcdef0123456789 ', 32), 'abcdef0123456789abcdef0123456789');
    assert.equal(readHex('', 32), null);
    assert.ok(readHex('abc', 32) instanceof Bad);
    assert.ok(readHex('g'.repeat(32), 32) instanceof Bad);
    // Control characters 0x10–0x19 fold onto the digits under `| 0x20`; they are not hex.
    assert.ok(readHex(`${'0'.repeat(31)}\u0010`, 32) instanceof Bad);
    assert.ok(readHex(`${'a'.repeat(31)}\u0019`, 32) instanceof Bad);
    assert.ok(readHex(`${'a'.repeat(31)}G`, 32) instanceof Bad);
    assert.ok(readHex(12, 32) instanceof Bad);
  });

  test('categories are the scheme value as text; sizes are whole numbers', () => {
    assert.equal(readCategory(1), '1');
    assert.equal(readCategory(' 2 '), '2');
    assert.equal(readCategory('A'), 'A');
    assert.equal(readCategory(null), null);
    assert.ok(readCategory(true) instanceof Bad);
    assert.equal(readCount('123'), 123);
    assert.equal(readCount(0), 0);
    assert.ok(readCount(-1) instanceof Bad);
    assert.ok(readCount(1.5) instanceof Bad);
    assert.equal(readText(5), '5');
    assert.ok(readText({}) instanceof Bad);
  });

  test('reasons do not repeat long values', () => {
    const bad = readBool('x'.repeat(200)) as Bad;
    assert.equal(bad.reason, 'not a boolean: a 200-character string');
  });
});
