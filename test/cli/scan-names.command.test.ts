/**
 * `vigil scan` over pictures whose names are hard to carry (issue #5's hostile input): a name that
 * is not UTF-8, and one of 250 bytes. Each is scanned like any other picture, reported under its
 * bytes (%XX), and its camera metadata read from the file where it lies (through the walker's
 * private link for the name that is not UTF-8).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import type { ScanReport } from '../../src/ingest/report/scan-report.js';
import { createDatabase } from '../../src/storage/database.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { REPO_ROOT } from '../support/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-scan-names-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const seizure = join(dir, 'seizure');
const LONG = `${'l'.repeat(246)}.jpg`;

async function picture(colour: string, serial: string): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
    .jpeg()
    .withExif({ IFD0: { Make: 'Vigil Test', Model: 'Name Cam' }, IFD2: { BodySerialNumber: serial } })
    .toBuffer();
}

before(async () => {
  mkdirSync(seizure);
  // "café.jpg" written in Latin-1: the é is the single byte 0xE9, not valid UTF-8.
  const latin1 = Buffer.concat([Buffer.from(seizure), Buffer.from('/caf\xe9.jpg', 'latin1')]);
  writeFileSync(latin1, await picture('#224466', 'SN-NAMES-1'));
  writeFileSync(join(seizure, LONG), await picture('#664422', 'SN-NAMES-2'));
});

test('a non-UTF-8 name and a 250-byte name are scanned, reported by their bytes, with their camera serials', async () => {
  const db = join(dir, 'db');
  const run = spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'bin/vigil.js'), 'scan', '--case', 'NAMES-1', '--db', db, seizure],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(readFileSync(join(db, 'reports/NAMES-1/exhibit-1/report.json'), 'utf8')) as ScanReport;
  const names = report.files.map((f) => f.path.slice(seizure.length + 1)).sort();
  assert.deepEqual(names, ['caf%E9.jpg', LONG]);
  assert.deepEqual(
    report.files.map((f) => f.status),
    ['new', 'new'],
  );
  const database = await createDatabase({ dialect: 'sqlite', file: join(db, 'vigil.sqlite') });
  try {
    const media = new MediaRepository(database.db, database.dialect);
    assert.equal((await media.findByCameraSerial('SN-NAMES-1')).length, 1, 'the Latin-1 name: metadata read');
    assert.equal((await media.findByCameraSerial('SN-NAMES-2')).length, 1, 'the long name: metadata read');
  } finally {
    await database.destroy();
  }
});

test('names that differ only by Unicode normalisation are two files, each resumed by its own key', () => {
  const folder = join(dir, 'normalisation');
  mkdirSync(folder);
  const nfc = 'caf\u00e9.txt';
  const nfd = 'cafe\u0301.txt';
  writeFileSync(join(folder, nfc), 'composed é\n');
  writeFileSync(join(folder, nfd), 'decomposed é\n');
  const db = join(dir, 'db-normalisation');
  const scan = () =>
    spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'bin/vigil.js'), 'scan', '--case', 'NAMES-2', '--db', db, '--json', folder],
      {
        encoding: 'utf8',
      },
    );
  const first = scan();
  assert.equal(first.status, 0, first.stderr);
  const report = JSON.parse(readFileSync(join(db, 'reports/NAMES-2/exhibit-1/report.json'), 'utf8')) as ScanReport;
  const names = report.files.map((f) => f.path.slice(folder.length + 1));
  assert.deepEqual(names.sort(), [nfd, nfc].sort());
  assert.notEqual(report.files[0].sha256, report.files[1].sha256);
  const again = JSON.parse(scan().stdout.trim().split('\n').at(-1) ?? '{}');
  assert.deepEqual([again.skipped, again.scanned], [2, 0], 'neither taken for the other when run again');
});
