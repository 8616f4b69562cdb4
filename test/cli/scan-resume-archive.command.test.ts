/**
 * Kill -9 and resume when the kills land inside archives: a zip of pictures (with a repeated name,
 * a zip-slip name and a nested tar.gz) and a streamed tar.gz. The resumed database must equal an
 * uninterrupted scan's, with no member twice and none lost (scan-resume covers plain files).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { makeTar, makeZip } from '../support/archive-fixtures.js';
import { blobs } from '../support/patterns.js';
import { scanUntilKilled, VIGIL_BIN } from '../support/resume-run.js';
import { duplicates, SNAPSHOT_TABLES, scanSnapshot } from '../support/scan-snapshot.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-scan-resume-archive-'));
const seizure = join(dir, 'seizure');
after(() => rmSync(dir, { recursive: true, force: true }));

const picture = async (i: number) => {
  const px = blobs(48, 32, i);
  return sharp(Buffer.from(px.data), { raw: { width: px.width, height: px.height, channels: px.channels } })
    .png()
    .toBuffer();
};

before(async () => {
  mkdirSync(seizure);
  const pics = await Promise.all(Array.from({ length: 70 }, (_, i) => picture(i)));
  const nested = await makeTar(
    pics.slice(40, 55).map((data, i) => ({ name: `n/${i}.png`, data })),
    true,
  );
  writeFileSync(
    join(seizure, 'a.zip'),
    makeZip([
      ...pics.slice(0, 20).map((data, i) => ({ name: `p/${i}.png`, data })),
      { name: 'p/3.png', data: pics[21] as Buffer },
      { name: '../slip.txt', data: 'outside' },
      { name: 'nested.tgz', data: nested, method: 'store' as const },
      ...pics.slice(22, 40).map((data, i) => ({ name: `q/${i}.png`, data })),
    ]),
  );
  const tgz = await makeTar(
    pics.slice(55, 70).map((data, i) => ({ name: `t/${i}.png`, data })),
    true,
  );
  writeFileSync(join(seizure, 'b.tar.gz'), tgz);
});

const scan = (db: string) =>
  spawnSync(process.execPath, [VIGIL_BIN, 'scan', '--case', 'R-1', '--db', db, seizure], { encoding: 'utf8' });

test('killed (SIGKILL) three times inside archives and resumed: every member once, as in an uninterrupted scan', async () => {
  const reference = join(dir, 'reference');
  assert.equal(scan(reference).status, 4, 'the zip-slip member is an error row');
  const db = join(dir, 'killed');
  const stops: number[] = [];
  // Into the zip's pictures, past its nested tar.gz, and into the tar.gz on disk.
  for (const at of [9, 25, 20]) {
    const run = await scanUntilKilled(['--case', 'R-1', '--db', db, seizure], { files: at });
    assert.ok(run.killed, `killed after ${at} files`);
    stops.push(run.files);
  }
  const last = scan(db);
  assert.equal(last.status, 4, last.stderr);
  const want = await scanSnapshot(join(reference, 'vigil.sqlite'));
  const got = await scanSnapshot(join(db, 'vigil.sqlite'));
  // 2 archives on disk; in the zip 38 pictures, the repeated name, the slip and nested.tgz; 15 + 15 pictures.
  assert.equal(want.scan_files.length, 2 + 41 + 15 + 15, 'the reference recorded every member once');
  assert.ok(
    want.scan_files.some((r) => r.includes('a.zip!/p/3.png!dup2')),
    'the repeated name kept its own key',
  );
  for (const table of SNAPSHOT_TABLES) {
    assert.deepEqual(got[table], want[table], `${table} after kills at ${stops.join(', ')} files`);
    assert.equal(duplicates(got[table]).length, 0, `no ${table} row twice`);
  }
});
