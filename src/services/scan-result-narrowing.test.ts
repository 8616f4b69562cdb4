import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../domain/app-error.js';
import { scanFilterOf } from './scan-result-narrowing.js';

const badUsage = (says: RegExp) => (err: unknown) => AppError.is(err, 'bad-usage') && says.test((err as Error).message);

describe('scan result narrowing', () => {
  it('reads a category as none, a code in any scheme, or scheme:code', () => {
    assert.deepEqual(scanFilterOf({ category: 'none' }), { category: { none: true } });
    assert.deepEqual(scanFilterOf({ category: '2' }), { category: { scheme: null, code: '2' } });
    assert.deepEqual(scanFilterOf({ category: 'uk_caid:A' }), { category: { scheme: 'uk_caid', code: 'A' } });
    assert.throws(() => scanFilterOf({ category: 'uk_caid:' }), badUsage(/scheme:code/));
    assert.throws(() => scanFilterOf({ category: ':A' }), badUsage(/scheme:code/));
  });

  it('bounds capture days as text, the last day whole: up to the next day, across month and year ends', () => {
    assert.deepEqual(scanFilterOf({ capturedFrom: '2024-02-28', capturedTo: '2024-02-29' }), {
      takenFrom: '2024-02-28',
      takenBefore: '2024-03-01',
    });
    assert.deepEqual(scanFilterOf({ capturedTo: '2024-12-31' }), { takenBefore: '2025-01-01' });
    assert.deepEqual(scanFilterOf({ capturedFrom: '2024-05-01', capturedTo: '2024-05-01' }), {
      takenFrom: '2024-05-01',
      takenBefore: '2024-05-02',
    });
  });

  it('refuses days not in the calendar and ranges that end before they start', () => {
    for (const day of ['2023-02-29', '2024-13-01', '2024-04-31', '2024-5-01', '20240501']) {
      assert.throws(() => scanFilterOf({ capturedFrom: day }), badUsage(/not a calendar day/), day);
    }
    assert.throws(
      () => scanFilterOf({ capturedFrom: '2024-05-02', capturedTo: '2024-05-01' }),
      badUsage(/is after capturedTo/),
    );
  });

  it('passes camera serial and GPS through, and narrows nothing when nothing is asked', () => {
    assert.deepEqual(scanFilterOf({ cameraSerial: 'SN 1', gps: 'without' }), { cameraSerial: 'SN 1', gps: 'without' });
    assert.deepEqual(scanFilterOf({}), {});
  });
});
