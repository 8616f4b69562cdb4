import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_REASON, publicReason } from './public-reason.js';

const dirs = ['/srv/vigil/data', '/tmp'];

test('paths under the data and temp folders become <server file>, with the cause kept', () => {
  assert.equal(
    publicReason("ENOENT: no such file or directory, open '/srv/vigil/data/tmp/upload-3f/content'", dirs),
    "ENOENT: no such file or directory, open '<server file>'",
  );
  assert.equal(
    publicReason('file:/tmp/ingest-video-AbC/content: Invalid data found when processing input', dirs),
    '<server file>: Invalid data found when processing input',
  );
  assert.equal(
    publicReason('Error: /tmp/vigil-metadata-x1/f.jpg (truncated)', dirs),
    'Error: <server file> (truncated)',
  );
  assert.equal(publicReason('bad header in /srv/vigil/data', dirs), 'bad header in <server file>');
  assert.equal(publicReason('in /srv/vigil/data/', ['/srv/vigil/data/']), 'in <server file>', 'a trailing slash');
});

test('other paths, and folders that only begin like a private one, are left alone', () => {
  assert.equal(
    publicReason('same content as /evidence/holiday/a.png', dirs),
    'same content as /evidence/holiday/a.png',
  );
  assert.equal(
    publicReason('see /tmpfiles/x and /srv/vigil/database', dirs),
    'see /tmpfiles/x and /srv/vigil/database',
  );
  assert.equal(publicReason('no dirs given: /tmp/x', []), 'no dirs given: /tmp/x');
});

test('a folder inside another is replaced whole, each occurrence', () => {
  const out = publicReason('/srv/vigil/data/tmp/a then /srv/vigil/data/tmp/b', [
    '/srv/vigil/data',
    '/srv/vigil/data/tmp',
  ]);
  assert.equal(out, '<server file> then <server file>');
});

test('tool output is folded onto one line and capped', () => {
  assert.equal(publicReason('line one\n\tline two\r\n\u0007three  ', dirs), 'line one line two three');
  const long = publicReason(`cause: ${'x'.repeat(1000)}`, dirs);
  assert.equal(long.length, MAX_REASON);
  assert.ok(long.startsWith('cause: x') && long.endsWith('…'));
  assert.equal(publicReason('short', dirs, 3), 'sh…');
});
