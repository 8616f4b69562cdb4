import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reportHtml } from './report-html.js';
import { buildReport } from './scan-report.js';

const row = {
  exhibitId: 1,
  agencyId: 1,
  path: 'clips/holiday.mp4',
  status: 'new',
  reasons: ['no exact or near-duplicate match'],
  mediaId: 5,
  sha256: 'a'.repeat(64),
  size: 1000,
  scannedAt: 0,
  md5: 'b'.repeat(32),
  sha1: 'c'.repeat(40),
  mime: 'video/mp4',
  pdq: null,
  quality: null,
  thumbnail: { sha256: 'd'.repeat(64), mime: 'image/webp' },
  stills: [
    { sha256: 'e'.repeat(64), mime: 'image/webp', timestamp: 1 },
    { sha256: 'f'.repeat(64), mime: 'image/webp', timestamp: 75.5 },
  ],
  video: { container: 'mov,mp4,m4a,3gp,3g2,mj2', codec: 'h264', durationSeconds: 96.2, frameRate: 25 },
};

test('a video shows its poster and its stills, each blurred with its own reveal, and says where each still is', () => {
  const report = buildReport('OP-1', { id: 1, label: 'laptop' }, [row]);
  assert.deepEqual(
    report.files[0].stills.map((s) => s.timestamp),
    [1, 75.5],
  );
  const uris = new Map(['d', 'e', 'f'].map((c) => [c.repeat(64), `data:image/webp;base64,${c}`]));
  const html = reportHtml(report, uris);
  assert.equal((html.match(/<input type="checkbox" class="reveal"/g) ?? []).length, 3);
  assert.match(html, /alt="thumbnail \(blurred\)"/);
  assert.match(html, /alt="still at 0:01 \(blurred\)"/);
  assert.match(html, /alt="still at 1:15 \(blurred\)"/);
  // A still without its bytes (over the report's limit) is left out, not shown broken.
  const partial = reportHtml(report, new Map([...uris].slice(0, 2)));
  assert.equal((partial.match(/class="reveal"/g) ?? []).length, 2);
});
