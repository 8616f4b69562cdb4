/**
 * `vigil scan` over a seizure that fights back (issue #5, hostile input): a zip bomb, archives
 * nested one level past the limit, a decompression-bomb picture and a file nobody may read, beside
 * ordinary files. One scan: each hostile thing is an `error` row with its reason, everything else
 * is scanned, the reports are written and the exit status says some files could not be processed.
 * Root reads anything, so as root the scan runs as `nobody` (uid 65534), where chmod 000 bites.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import type { ScanReport } from '../../src/ingest/report/scan-report.js';
import { nestedArchive, zipBomb } from '../support/archive-fixtures.js';
import { REPO_ROOT } from '../support/paths.js';
import { pixelBombPng } from '../support/pixel-bomb.js';

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;
const dir = mkdtempSync(join(tmpdir(), 'vigil-scan-hostile-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const seizure = join(dir, 'seizure');

function chownTree(path: string): void {
  chownSync(path, NOBODY, NOBODY);
  for (const name of readdirSync(path, { withFileTypes: true })) {
    if (name.isDirectory()) chownTree(join(path, name.name));
    else chownSync(join(path, name.name), NOBODY, NOBODY);
  }
}

before(async () => {
  mkdirSync(seizure);
  writeFileSync(join(seizure, 'bomb.zip'), zipBomb());
  writeFileSync(join(seizure, 'level1.zip'), await nestedArchive());
  writeFileSync(join(seizure, 'pixel-bomb.png'), pixelBombPng());
  writeFileSync(join(seizure, 'locked.txt'), 'nobody may read this');
  const picture = sharp({ create: { width: 96, height: 64, channels: 3, background: '#336699' } });
  writeFileSync(join(seizure, 'picture.png'), await picture.png().toBuffer());
  writeFileSync(join(seizure, 'notes.txt'), 'an ordinary file\n');
  if (isRoot) chownTree(dir);
  chmodSync(join(seizure, 'locked.txt'), 0o000);
});

test('a zip bomb, too-deep nesting, a pixel bomb and an unreadable file are error rows; the rest is scanned', () => {
  const db = join(dir, 'db');
  const run = spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'bin/vigil.js'), 'scan', '--case', 'HOSTILE-1', '--db', db, seizure],
    {
      encoding: 'utf8',
      timeout: 240_000,
      ...(isRoot ? { uid: NOBODY, gid: NOBODY } : {}),
      env: { ...process.env, HOME: dir, TMPDIR: dir },
    },
  );
  assert.equal(run.status, 4, `exit 4: scanned, some files could not be processed\n${run.stderr}`);
  const report = JSON.parse(readFileSync(join(db, 'reports/HOSTILE-1/exhibit-1/report.json'), 'utf8')) as ScanReport;
  const rows = new Map(report.files.map((f) => [f.path.slice(seizure.length + 1), f]));
  const errors = report.files
    .filter((f) => f.status === 'error')
    .map((f) => [f.path.slice(seizure.length + 1), f.reasons[0]])
    .sort();
  // The too-deep archive is scanned as a file; that its contents were not opened is a row of its own.
  const deep = 'level1.zip!/level2.tgz!/level3.zip!/level4.tar!/';
  assert.equal(errors.length, 4, JSON.stringify(errors, null, 1));
  assert.deepEqual(errors[0].slice(0, 1), ['bomb.zip!/zeros.bin']);
  assert.match(errors[0][1], /^read failed: .*expands more than 200:1.*\(archive-bomb\)$/);
  assert.deepEqual(errors[1], [deep, 'read failed: archive nested deeper than 3 levels (archive-too-deep)']);
  assert.deepEqual(errors[2], ['locked.txt', 'read failed: cannot read (EACCES) (unreadable-file)']);
  assert.equal(errors[3][0], 'pixel-bomb.png');
  assert.match(errors[3][1], /^decode failed: .*more pixels than the limit/);
  assert.match(rows.get('pixel-bomb.png')?.sha256 ?? '', /^[0-9a-f]{64}$/, 'the bomb keeps its digests');
  // Everything else was scanned: the archives themselves, their readable members, the ordinary files.
  for (const path of [
    'bomb.zip',
    'bomb.zip!/ok.txt',
    'level1.zip',
    'level1.zip!/note.txt',
    'level1.zip!/level2.tgz!/note.txt',
    'level1.zip!/level2.tgz!/level3.zip!/note.txt',
    'level1.zip!/level2.tgz!/level3.zip!/level4.tar',
    'picture.png',
    'notes.txt',
  ]) {
    assert.equal(rows.get(path)?.status, 'new', `${path}: ${JSON.stringify(rows.get(path))}`);
  }
  assert.equal(report.counts.total, 15);
  assert.match(run.stderr, /15 files — 11 new, 0 near-duplicate, 0 known, 0 ignorable, 4 errors/);
});

test('--max-depth opens archives to the depth given; a bad value says how to fix it', () => {
  const nested = join(dir, 'nested');
  mkdirSync(nested);
  writeFileSync(join(nested, 'level1.zip'), readFileSync(join(seizure, 'level1.zip')));
  const scan = (db: string, ...extra: string[]) =>
    spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'bin/vigil.js'), 'scan', '--case', 'DEPTH', '--db', db, ...extra, nested],
      {
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, HOME: dir, TMPDIR: dir },
      },
    );
  const paths = (db: string) =>
    (JSON.parse(readFileSync(join(db, 'reports/DEPTH/exhibit-1/report.json'), 'utf8')) as ScanReport).files
      .map((f) => [f.path.slice(nested.length + 1), f.status])
      .sort();
  const deeper = join(dir, 'db-depth-4');
  assert.equal(scan(deeper, '--max-depth', '4').status, 0, 'nothing refused at depth 4');
  const deep = paths(deeper).find(([p]) => p.endsWith('deep.txt'));
  assert.deepEqual(deep, ['level1.zip!/level2.tgz!/level3.zip!/level4.tar!/deep.txt', 'new']);
  const shallow = join(dir, 'db-depth-1');
  assert.equal(scan(shallow, '--max-depth', '1').status, 4);
  assert.deepEqual(
    new Map(paths(shallow) as [string, string][]),
    new Map([
      ['level1.zip', 'new'],
      ['level1.zip!/level2.tgz', 'new'],
      ['level1.zip!/level2.tgz!/', 'error'],
      ['level1.zip!/note.txt', 'new'],
    ]),
  );
  for (const bad of ['0', '17', 'two']) {
    const run = scan(join(dir, 'db-bad'), '--max-depth', bad);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--max-depth is a whole number from 1 to 16/);
  }
});
