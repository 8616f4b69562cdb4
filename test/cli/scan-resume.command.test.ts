import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { scanUntilKilled, VIGIL_BIN, writeSeizure } from '../support/resume-run.js';
import { duplicates, SNAPSHOT_TABLES, scanSnapshot } from '../support/scan-snapshot.js';

// The small, always-run form of issue 5's resume bar (bench:resume runs 20 kills over 2,000 files).
const dir = mkdtempSync(join(tmpdir(), 'vigil-scan-resume-'));
const seizure = join(dir, 'seizure');
const FILES = 150;
after(() => rmSync(dir, { recursive: true, force: true }));
before(() => writeSeizure(seizure, FILES));

const scan = (db: string, reference = 'R-1', path = seizure) =>
  spawnSync(process.execPath, [VIGIL_BIN, 'scan', '--case', reference, '--db', db, path], { encoding: 'utf8' });
/**
 * A database where the seizure's first folder is known from an earlier case, so its rotations
 * match. That scan ends with exit 4 and one error: the picture cut short in d000 (not decodable);
 * in the full scan it is known by its SHA-256, so that one ends with no error.
 */
const withKnown = (db: string) => {
  const run = scan(db, 'K-0', join(seizure, 'd000'));
  assert.equal(run.status, 4, run.stderr);
  assert.match(run.stderr, / 1 error\./, run.stderr);
};

test('3 kills (SIGKILL) at random moments, then a resume: the database equals that of an uninterrupted scan', async () => {
  const reference = join(dir, 'reference');
  withKnown(reference);
  assert.equal(scan(reference).status, 0);
  const db = join(dir, 'killed');
  withKnown(db);
  const stops: number[] = [];
  for (let i = 0; i < 3; i++) {
    const at = 1 + Math.floor(Math.random() * 40);
    const run = await scanUntilKilled(['--case', 'R-1', '--db', db, seizure], { files: at });
    assert.ok(run.killed, `killed after ${at} files`);
    stops.push(run.files);
  }
  const last = scan(db);
  assert.equal(last.status, 0, last.stderr);
  const want = await scanSnapshot(join(reference, 'vigil.sqlite'));
  const got = await scanSnapshot(join(db, 'vigil.sqlite'));
  assert.equal(want.scan_files.length, FILES + 100, 'the reference recorded every file once, d000 twice');
  for (const table of SNAPSHOT_TABLES) {
    assert.deepEqual(got[table], want[table], `${table} after kills at ${stops.join(', ')} files`);
    assert.equal(duplicates(got[table]).length, 0, `no ${table} row twice`);
  }
  assert.ok(want.matches.length > 0, 'the rotated copies matched, so matches were compared too');
});
