import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCaptureTime, parseIptcDateTime, parseOffset } from './capture-time.js';

describe('parseOffset', () => {
  it('reads the forms cameras write, and refuses the rest', () => {
    assert.equal(parseOffset('+02:00'), 120);
    assert.equal(parseOffset('-03:30'), -210);
    assert.equal(parseOffset('+0545'), 345);
    assert.equal(parseOffset('Z'), 0);
    assert.equal(parseOffset('+00:00'), 0);
    assert.equal(parseOffset('+14:00'), 840);
    for (const bad of ['', '   ', '+15:00', '+02:60', '2:00', 'CET', undefined]) assert.equal(parseOffset(bad), null);
  });
});

describe('parseCaptureTime', () => {
  it('combines EXIF DateTimeOriginal with its sub-seconds and offset into an instant', () => {
    const t = parseCaptureTime('2024:05:01 12:34:56', 'EXIF:DateTimeOriginal', { subSec: '25', offset: '+02:00' });
    assert.deepEqual(t, {
      local: '2024-05-01T12:34:56.250',
      offsetMinutes: 120,
      epochMs: Date.parse('2024-05-01T10:34:56.250Z'),
      source: 'EXIF:DateTimeOriginal',
    });
  });

  it('keeps the wall-clock time and no instant when the zone is unknown', () => {
    assert.deepEqual(parseCaptureTime('2017:11:07 22:14:15', 'EXIF:DateTimeOriginal'), {
      local: '2017-11-07T22:14:15',
      offsetMinutes: null,
      epochMs: null,
      source: 'EXIF:DateTimeOriginal',
    });
  });

  it('prefers an offset written inside the value (XMP) over the companion tag', () => {
    const t = parseCaptureTime('2023:07:14 08:15:30.5-04:00', 'XMP:DateTimeOriginal', { offset: '+09:00' });
    assert.equal(t?.local, '2023-07-14T08:15:30.500');
    assert.equal(t?.offsetMinutes, -240);
    assert.equal(t?.epochMs, Date.parse('2023-07-14T12:15:30.500Z'));
    const z = parseCaptureTime('2023-07-14T08:15:30Z', 'XMP:DateCreated');
    assert.equal(z?.offsetMinutes, 0);
    assert.equal(z?.epochMs, Date.parse('2023-07-14T08:15:30Z'));
  });

  it('accepts a date-time without seconds, as XMP allows', () => {
    assert.equal(parseCaptureTime('2023-07-14T08:15', 's')?.local, '2023-07-14T08:15:00');
  });

  it('gives null for blanks, zero dates, impossible dates and non-strings', () => {
    for (const bad of [
      '',
      '    :  :     :  :  ',
      '0000:00:00 00:00:00',
      '2023:02:29 10:00:00',
      '2024:13:01 10:00:00',
      '2024:01:01 24:00:00',
      '2024',
      'yesterday',
    ]) {
      assert.equal(parseCaptureTime(bad, 's'), null, bad);
    }
    assert.equal(parseCaptureTime(20240101, 's'), null);
    assert.equal(parseCaptureTime(undefined, 's'), null);
    assert.equal(parseCaptureTime('2024:02:29 23:59:59', 's')?.local, '2024-02-29T23:59:59');
  });

  it('ignores a malformed offset rather than guessing one', () => {
    const t = parseCaptureTime('2024:05:01 12:00:00', 'EXIF:DateTimeOriginal', { offset: '   :  ' });
    assert.equal(t?.offsetMinutes, null);
    assert.equal(t?.epochMs, null);
  });
});

describe('parseIptcDateTime', () => {
  it('joins the IPTC date and time-with-offset', () => {
    assert.deepEqual(parseIptcDateTime('2022:12:31', '23:30:00+01:00', 'IPTC:DateCreated'), {
      local: '2022-12-31T23:30:00',
      offsetMinutes: 60,
      epochMs: Date.parse('2022-12-31T22:30:00Z'),
      source: 'IPTC:DateCreated',
    });
    assert.equal(parseIptcDateTime('2022:12:31', '23:30:00', 's')?.offsetMinutes, null);
    assert.equal(parseIptcDateTime('2022:12:31', undefined, 's'), null);
    assert.equal(parseIptcDateTime('2022:12:32', '10:00:00', 's'), null);
  });
});
