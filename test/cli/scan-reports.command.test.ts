/**
 * Each exhibit scanned into a case keeps its own report: a second device scanned into the case
 * used to replace the first one's report.json, .csv and .html, and case references that read the
 * same as a folder name ("OP/9", "OP 9") shared one report folder.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import sharp from 'sharp';
import type { ScanReport } from '../../src/ingest/report/scan-report.js';
import { REPO_ROOT } from '../support/paths.js';
import { blobs } from '../support/patterns.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-scan-reports-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const BIN = join(REPO_ROOT, 'bin/vigil.js');

async function device(name: string, seed: number): Promise<string> {
  const folder = join(dir, name);
  mkdirSync(folder);
  const px = blobs(64, 48, seed);
  const raw = { width: px.width, height: px.height, channels: px.channels };
  writeFileSync(join(folder, `${name}.png`), await sharp(Buffer.from(px.data), { raw }).png().toBuffer());
  return folder;
}

function scan(db: string, reference: string, folder: string): { report: string } {
  const run = spawnSync(process.execPath, [BIN, 'scan', '--json', '--case', reference, '--db', db, folder], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  const done = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { event: string; report: string };
  assert.equal(done.event, 'done');
  return done;
}

const reportAt = (folder: string) => JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8')) as ScanReport;

test('a second exhibit in a case, and a case whose reference reads the same, do not replace a report', async () => {
  const db = join(dir, 'data');
  const phone = await device('phone', 1);
  const laptop = await device('laptop', 2);
  const first = scan(db, 'OP/9', phone);
  const second = scan(db, 'OP/9', laptop);
  const other = scan(db, 'OP 9', phone);
  assert.equal(new Set([first.report, second.report, other.report]).size, 3, 'three report folders');
  assert.deepEqual(readdirSync(join(db, 'reports', 'OP_9')).sort(), ['exhibit-1', 'exhibit-2', 'exhibit-3']);
  const files = (r: ScanReport) => r.files.map((f) => f.path);
  assert.deepEqual(files(reportAt(first.report)), [join(phone, 'phone.png')]);
  assert.equal(reportAt(first.report).case.reference, 'OP/9');
  assert.deepEqual(files(reportAt(second.report)), [join(laptop, 'laptop.png')]);
  assert.equal(reportAt(other.report).case.reference, 'OP 9');
  // Run again, an exhibit's scan resumes and rewrites its own report only.
  assert.equal(scan(db, 'OP/9', phone).report, first.report);
});
