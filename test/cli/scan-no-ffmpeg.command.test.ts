/**
 * `vigil scan` on a machine without ffmpeg (issue #8): PATH holds node and perl but no ffmpeg or
 * ffprobe. The scan completes; a picture is sorted as usual; a video keeps its MD5, SHA-1 and
 * SHA-256, is an `error` row (it could not be compared for near-duplicates) whose reason says how
 * to install ffmpeg, and the command says so once on stderr.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import type { ScanReport } from '../../src/ingest/report/scan-report.js';
import { makeVideo } from '../support/generated-videos.js';
import { REPO_ROOT } from '../support/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-scan-no-ffmpeg-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const seizure = join(dir, 'seizure');
const bin = join(dir, 'bin');

before(async () => {
  mkdirSync(seizure);
  mkdirSync(bin);
  makeVideo(join(seizure, 'clip.mp4'), { seconds: 2 });
  const picture = sharp({ create: { width: 96, height: 64, channels: 3, background: '#336699' } });
  writeFileSync(join(seizure, 'picture.png'), await picture.png().toBuffer());
  // Only what the scan may use from PATH besides ffmpeg: node itself and perl (for ExifTool).
  symlinkSync(process.execPath, join(bin, 'node'));
  symlinkSync(execFileSync('sh', ['-c', 'command -v perl'], { encoding: 'utf8' }).trim(), join(bin, 'perl'));
});

test('without ffmpeg a video keeps its digests, is an error row that says how to install ffmpeg, and the scan ends', () => {
  const db = join(dir, 'db');
  const run = spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'bin/vigil.js'), 'scan', '--case', 'NOFF-1', '--db', db, seizure],
    { encoding: 'utf8', env: { ...process.env, PATH: bin } },
  );
  assert.equal(run.status, 4, `exit 4: some files could not be processed\n${run.stderr}`);
  assert.match(run.stderr, /2 files — 1 new, 0 near-duplicate, 0 known, 0 ignorable, 1 error\./);
  assert.match(run.stderr, /^vigil scan: 1 file: video failed: .*apt-get install ffmpeg/m, 'the cause is said once');
  const report = JSON.parse(readFileSync(join(db, 'reports/NOFF-1/exhibit-1/report.json'), 'utf8')) as ScanReport;
  const byName = new Map(report.files.map((f) => [f.path.slice(seizure.length + 1), f]));
  const clip = byName.get('clip.mp4');
  assert.equal(clip?.status, 'error');
  assert.match(clip?.sha256 ?? '', /^[0-9a-f]{64}$/);
  assert.match(clip?.md5 ?? '', /^[0-9a-f]{32}$/);
  assert.match(clip?.sha1 ?? '', /^[0-9a-f]{40}$/);
  assert.match(clip?.reasons[0] ?? '', /^video failed: .*needs ffmpeg and ffprobe on PATH.*apt-get install ffmpeg/);
  assert.equal(byName.get('picture.png')?.status, 'new');
});
