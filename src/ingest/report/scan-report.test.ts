import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FileStatus } from '../triage.js';
import { errorCauses, type ReportFile } from './scan-report.js';

const file = (status: FileStatus, ...reasons: string[]): ReportFile => ({
  path: `p${Math.random()}`,
  status,
  reasons,
  size: null,
  sha256: null,
  md5: null,
  sha1: null,
  mime: null,
  pdq: null,
  quality: null,
  mediaId: null,
  thumbnail: null,
  stills: [],
  video: null,
  matches: [],
});

describe('error causes', () => {
  test('groups error rows by failing step, commonest first, and keeps a missing tool whole', () => {
    const noFfmpeg = 'video failed: Video hashing (vPDQ) needs ffmpeg and ffprobe on PATH; install them.';
    const causes = errorCauses([
      file('error', 'decode failed: VipsJpeg: premature end of input'),
      file('error', 'decode failed: Corrupt JPEG data', 'no exact match; not compared for near-duplicates'),
      file('error', noFfmpeg),
      file('error', noFfmpeg),
      file('error', noFfmpeg),
      file('error', 'read failed: zero bytes (empty-file)'),
      file('new', 'decode failed: not an error row'),
    ]);
    assert.deepEqual(causes, [
      { cause: noFfmpeg, files: 3 },
      { cause: 'decode failed', files: 2 },
      { cause: 'read failed: zero bytes (empty-file)', files: 1 },
    ]);
  });

  test('a reason with its error code is said whole, grouped by step and code', () => {
    const causes = errorCauses([
      file('error', 'read failed: cannot read (EACCES) (unreadable-file)'),
      file('error', 'read failed: cannot read (EACCES) (unreadable-file)'),
      file('error', 'read failed: archive nested deeper than 3 levels (archive-too-deep)'),
      file('error', 'read failed: expands more than 200:1 (12 MB) (archive-bomb)'),
      file('error', 'read failed: expands more than 200:1 (40 MB) (archive-bomb)'),
    ]);
    assert.deepEqual(causes, [
      { cause: 'read failed (archive-bomb)', files: 2 },
      { cause: 'read failed: cannot read (EACCES) (unreadable-file)', files: 2 },
      { cause: 'read failed: archive nested deeper than 3 levels (archive-too-deep)', files: 1 },
    ]);
  });

  test('says at most the limit, and nothing without errors', () => {
    const many = ['a failed: x', 'b failed: x', 'c failed: x', 'd failed: x'].map((r) => file('error', r));
    assert.equal(errorCauses(many).length, 3);
    assert.equal(errorCauses(many, 1).length, 1);
    assert.deepEqual(errorCauses([file('new', 'no exact or near-duplicate match')]), []);
    assert.deepEqual(errorCauses([file('error')]), [{ cause: 'no reason recorded', files: 1 }]);
  });
});
