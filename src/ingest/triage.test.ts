import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clock, type ExactHit, type NearHit, STATUS_ORDER, type TriageInput, triage } from './triage.js';

const none: TriageInput = { identified: true, exact: [], near: [], camera: [] };
const setHit = (name: string | null, ignorable: boolean, category?: string): ExactHit => ({
  source: { kind: 'hash-set', name, ignorable },
  hash: 'sha256',
  category,
});
const near = (mediaId: number, distance: number, variant: NearHit['variant'] = 'orig'): NearHit => ({
  source: { kind: 'media', mediaId },
  distance,
  variant,
});

describe('triage', () => {
  test('nothing known: new, and it says so', () => {
    assert.deepEqual(triage(none), { status: 'new', reasons: ['no exact or near-duplicate match'] });
  });

  test('an exact hit in media or a categorised set: known, naming where and the category', () => {
    const t = triage({
      ...none,
      exact: [{ source: { kind: 'media', mediaId: 7 }, hash: 'md5' }, setHit('National list', false, 'VIC 1')],
    });
    assert.equal(t.status, 'known');
    assert.deepEqual(t.reasons, ['MD5 matches media #7', 'SHA-256 matches hash set "National list" (category VIC 1)']);
  });

  test("a set seen as hashes only is not named: the match is told, the other agency's set name is not", () => {
    const t = triage({ ...none, exact: [setHit(null, false, 'VIC 1')] });
    assert.equal(t.status, 'known');
    assert.deepEqual(t.reasons, ['SHA-256 matches a hash set shared as hashes only (category VIC 1)']);
  });

  test('a video matched by vPDQ is a near-duplicate, the largest share first, with where in the known video', () => {
    const t = triage({
      ...none,
      videos: [
        { mediaId: 4, queryPercent: 81.2, comparedPercent: 20, comparedRange: { start: 61, end: 3725 } },
        { mediaId: 9, queryPercent: 99.9, comparedPercent: 100 },
      ],
    });
    assert.equal(t.status, 'near-duplicate');
    assert.deepEqual(t.reasons, [
      "vPDQ: 99% of this video's frames are in media #9; 100% of its frames are here",
      "vPDQ: 81% of this video's frames are in media #4 (its 1:01–1:02:05); 20% of its frames are here",
    ]);
    assert.deepEqual([clock(0), clock(59.9), clock(600), clock(3600)], ['0:00', '0:59', '10:00', '1:00:00']);
  });

  test('only known-good sets: ignorable; a categorised hit on the same file wins', () => {
    assert.equal(triage({ ...none, exact: [setHit('NSRL', true)] }).status, 'ignorable');
    assert.equal(triage({ ...none, exact: [setHit('NSRL', true), setHit('Series list', false)] }).status, 'known');
  });

  test('exact beats near: a near hit alone is a near-duplicate, closest first, with the transform', () => {
    const t = triage({ ...none, near: [near(3, 20), near(9, 4, 'rot90')] });
    assert.equal(t.status, 'near-duplicate');
    assert.deepEqual(t.reasons, ['PDQ within 4 bits of media #9, rotated 90°', 'PDQ within 20 bits of media #3']);
    assert.equal(triage({ ...none, exact: [setHit('L', false)], near: [near(3, 1)] }).status, 'known');
  });

  test('a near hit only on known-good material does not make a near-duplicate', () => {
    const t = triage({
      ...none,
      near: [{ source: { kind: 'hash-set', name: 'NSRL', ignorable: true }, distance: 2, variant: 'orig' }],
    });
    assert.equal(t.status, 'new');
  });

  test('a known camera serial never changes the status, and is always a reason', () => {
    const t = triage({ ...none, camera: [{ serial: 'SN-001', mediaIds: [4, 5] }] });
    assert.equal(t.status, 'new');
    assert.ok(t.reasons.includes('camera serial SN-001 also on 2 known media items'));
    assert.equal(
      triage({ ...none, exact: [setHit('L', false)], camera: [{ serial: 'X', mediaIds: [1] }] }).reasons.length,
      2,
    );
  });

  test('a file that could not be identified, or not decoded and matched by no exact hash, is an error with the failing step', () => {
    const failure = { step: 'read', message: 'Cannot read file (EACCES).' };
    assert.deepEqual(triage({ ...none, identified: false, failure }), {
      status: 'error',
      reasons: ['read failed: Cannot read file (EACCES).'],
    });
    const decodeFailed = triage({ ...none, failure: { step: 'decode', message: 'Corrupt JPEG.' } });
    assert.deepEqual(decodeFailed, {
      status: 'error',
      reasons: ['decode failed: Corrupt JPEG.', 'no exact match; not compared for near-duplicates'],
    });
    const knownCorrupt = triage({
      ...none,
      exact: [setHit('L', false)],
      failure: { step: 'video', message: 'ffmpeg is not installed.' },
    });
    assert.equal(knownCorrupt.status, 'known', 'an exact hit sorts a file that cannot be decoded');
    assert.ok(knownCorrupt.reasons.includes('video failed: ffmpeg is not installed.'));
  });

  test('notes come last and never change the status: a damaged video or unread metadata is said, not hidden', () => {
    const note = 'video damaged: 1 warning from ffmpeg: Invalid NAL unit size';
    assert.deepEqual(triage({ ...none, notes: [note] }), {
      status: 'new',
      reasons: ['no exact or near-duplicate match', note],
    });
    const known = triage({ ...none, exact: [setHit('L', false)], notes: ['metadata failed: x'] });
    assert.equal(known.status, 'known');
    assert.equal(known.reasons.at(-1), 'metadata failed: x');
    assert.equal(triage({ ...none, identified: false, notes: ['n'] }).status, 'error');
  });

  test('review order puts new material first and ignorable last', () => {
    assert.equal(STATUS_ORDER[0], 'new');
    assert.equal(STATUS_ORDER.at(-1), 'ignorable');
    assert.equal(new Set(STATUS_ORDER).size, 5);
  });
});
