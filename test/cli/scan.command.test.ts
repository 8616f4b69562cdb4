import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { CSV_COLUMNS } from '../../src/ingest/report/report-csv.js';
import type { ScanReport } from '../../src/ingest/report/scan-report.js';
import { createDatabase } from '../../src/storage/database.js';
import { makeTar, makeZip } from '../support/archive-fixtures.js';
import { REPO_ROOT } from '../support/paths.js';
import { blobs, transform } from '../support/patterns.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-scan-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const BIN = join(REPO_ROOT, 'bin/vigil.js');
const seizure = join(dir, 'seizure');
/** 40 files on disk, plus bundle.zip's members: inner.tar.gz and its picture (the bad name is an error row). */
const FILES = 40;
const ROWS = FILES + 4;

before(async () => {
  mkdirSync(join(seizure, 'sub'), { recursive: true });
  for (let i = 0; i < FILES - 4; i++) {
    const px = i % 3 === 2 ? transform(blobs(160, 120, i - 1), 'rot90') : blobs(160, 120, i);
    const img = sharp(Buffer.from(px.data), { raw: { width: px.width, height: px.height, channels: px.channels } });
    writeFileSync(
      join(seizure, i % 2 ? 'sub' : '', `img-${String(i).padStart(3, '0')}.png`),
      await img.png().toBuffer(),
    );
  }
  writeFileSync(join(seizure, 'copy.png'), readFileSync(join(seizure, 'img-000.png')));
  writeFileSync(join(seizure, '=cmd.txt'), 'a name a spreadsheet would run as a formula\n');
  writeFileSync(join(seizure, 'cut.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 0x43]));
  writeFileSync(join(seizure, 'empty.bin'), '');
  // An archive inside the seizure: a zip holding a tar.gz holding a picture, and a zip-slip name.
  const inner = await makeTar([{ name: 'deep/pic.png', data: readFileSync(join(seizure, 'img-002.png')) }], true);
  writeFileSync(
    join(seizure, 'bundle.zip'),
    makeZip([
      { name: 'inner.tar.gz', data: inner, method: 'store' },
      { name: '../escape.txt', data: 'outside' },
    ]),
  );
});

const scan = (db: string, ...extra: string[]) =>
  spawnSync(process.execPath, [BIN, 'scan', '--case', 'OP-7', '--db', db, ...extra, seizure], { encoding: 'utf8' });
const report = (db: string) =>
  JSON.parse(readFileSync(join(db, 'reports/OP-7/exhibit-1/report.json'), 'utf8')) as ScanReport;
// libvips words a decode failure differently from run to run (its error buffer is shared by the
// decodes running at once), so only the fact of the failure is compared.
const comparable = (r: ScanReport) =>
  r.files.map((f) => [
    f.path,
    f.status,
    f.reasons.join('|').replace(/decode failed: .*/, 'decode failed'),
    f.sha256,
    f.pdq,
  ]);

describe('vigil scan', () => {
  test('scans a folder and writes the three reports, new material first', () => {
    const db = join(dir, 'db-once');
    const run = scan(db);
    assert.equal(run.status, 4, `some files could not be processed: exit 4\n${run.stderr}`);
    assert.match(run.stderr, /44 files — 41 new, 0 near-duplicate, 0 known, 0 ignorable, 3 errors/);
    assert.match(
      run.stderr,
      /\nvigil scan: 1 file: decode failed\nvigil scan: 1 file: read failed: path leaves the archive \(\.\.\) \(unsafe-path\)\nvigil scan: 1 file: read failed: zero bytes \(empty-file\)\n/,
      'causes, commonest first, said whole where the reason carries its code',
    );
    const r = report(db);
    assert.equal(r.schema, 'vigil.scan-report/1');
    assert.equal(r.counts.total, ROWS);
    assert.deepEqual(
      r.files
        .filter((f) => f.status === 'error')
        .map((f) => [f.path.slice(seizure.length + 1), f.reasons[0].replace(/decode failed: .*/, 'decode failed')])
        .sort(),
      [
        ['bundle.zip!/../escape.txt', 'read failed: path leaves the archive (..) (unsafe-path)'],
        ['cut.jpg', 'decode failed'],
        ['empty.bin', 'read failed: zero bytes (empty-file)'],
      ],
      'a truncated picture keeps its digests but is an error row: it could not be sorted',
    );
    assert.match(r.files.find((f) => f.path.endsWith('cut.jpg'))?.sha256 ?? '', /^[0-9a-f]{64}$/);
    const byPath = new Map(r.files.map((f) => [f.path.slice(seizure.length + 1), f]));
    assert.equal(byPath.get('bundle.zip!/inner.tar.gz!/deep/pic.png')?.sha256, byPath.get('img-002.png')?.sha256);
    assert.equal(
      byPath.get('bundle.zip!/../escape.txt')?.status ?? byPath.get('bundle.zip!/..%2Fescape.txt')?.status,
      'error',
    );
    assert.equal(r.files[0].status, 'new');
    const csv = readFileSync(join(db, 'reports/OP-7/exhibit-1/report.csv'), 'utf8').split('\r\n');
    assert.equal(csv[0], CSV_COLUMNS.join(','));
    assert.match(csv[0], /^status,path,size,sha256,md5,sha1,pdq,quality,media_id,match_kind,.*,reasons$/);
    assert.equal(csv.length, ROWS + 2, 'a header, a row per file, a final line break');
    const html = readFileSync(join(db, 'reports/OP-7/exhibit-1/report.html'), 'utf8');
    assert.match(html, /<title>Scan report — OP-7<\/title>/);
    assert.ok(!html.includes('<script'), 'the HTML report runs nothing');
    const images = html.match(/<img src="data:image\/webp;base64,[A-Za-z0-9+/=]+" alt="thumbnail \(blurred\)">/g) ?? [];
    assert.equal(
      images.length,
      FILES - 2,
      'a thumbnail for every decodable picture, copies and the archived one included',
    );
    assert.match(html, /\.thumb img\{[^}]*filter:blur\(12px\)/, 'thumbnails are blurred by default');
    assert.match(html, /\.reveal:checked\+label img\{filter:none\}/, 'and revealed only by a click');
    assert.equal(statSync(join(db, 'reports/OP-7/exhibit-1/report.html')).mode & 0o777, 0o600);
    const blobs = readdirSync(join(db, 'blobs/thumbnails'), { recursive: true }).filter((f) =>
      /^[0-9a-f]{64}$/.test(String(f).split('/').at(-1) ?? ''),
    );
    assert.equal(blobs.length, FILES - 4, 'thumbnails are stored once per content');
    const anyBlob = String(blobs[0]);
    assert.ok(
      !readFileSync(join(db, 'blobs/thumbnails', anyBlob)).includes(Buffer.from('WEBP')),
      'and encrypted at rest',
    );
    const again = scan(db, '--json');
    const done = JSON.parse(again.stdout.trim().split('\n').at(-1) ?? '{}');
    assert.equal(done.event, 'done');
    assert.equal(done.skipped, ROWS);
    assert.equal(done.scanned, 0);
  });

  test('killed (SIGKILL) at several moments and run again, it ends exactly as an uninterrupted scan', async () => {
    const reference = join(dir, 'db-reference');
    assert.equal(scan(reference).status, 4);
    const db = join(dir, 'db-killed');
    for (const after of [3, 11, 19]) {
      await new Promise<void>((resolve) => {
        // Each run with its own number of decode workers (0, 2, 1): the result does not depend on it.
        const workers = String(after % 3);
        const child = spawn(process.execPath, [
          BIN,
          'scan',
          '--case',
          'OP-7',
          '--db',
          db,
          '--workers',
          workers,
          '--json',
          seizure,
        ]);
        let lines = 0;
        child.stdout.on('data', (chunk: Buffer) => {
          lines += chunk
            .toString()
            .split('\n')
            .filter((l) => l.includes('"event":"file"')).length;
          if (lines >= after) child.kill('SIGKILL');
        });
        child.on('exit', () => resolve());
      });
    }
    const last = scan(db);
    assert.equal(last.status, 4, last.stderr);
    assert.deepEqual(comparable(report(db)), comparable(report(reference)));
    const database = await createDatabase({ dialect: 'sqlite', file: join(db, 'vigil.sqlite') });
    try {
      const count = async (table: 'sightings' | 'scan_files' | 'media') =>
        Number(
          (
            await database.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      assert.equal(await count('sightings'), ROWS - 2, 'every file seen once (the two error rows have no media)');
      assert.equal(await count('scan_files'), ROWS, 'every file recorded once');
      assert.equal(await count('media'), FILES, 'copies are one media; the zip and the tar.gz are media too');
    } finally {
      await database.destroy();
    }
  });

  test('--demo makes a benign seizure and reference lists that show every status', () => {
    const db = join(dir, 'db-demo');
    const run = spawnSync(process.execPath, [BIN, 'scan', '--demo', '--db', db, '--json'], { encoding: 'utf8' });
    assert.equal(run.status, 4, run.stderr);
    const done = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}');
    assert.deepEqual(done.counts, { new: 5, 'near-duplicate': 2, known: 1, error: 2, ignorable: 1, total: 11 });
    const again = spawnSync(process.execPath, [BIN, 'scan', '--demo', '--db', db, '--json'], { encoding: 'utf8' });
    assert.equal(JSON.parse(again.stdout.trim().split('\n').at(-1) ?? '{}').skipped, 11, 'run again, it resumes');
  });

  test('bad usage says how to fix it and exits 2', () => {
    const run = spawnSync(process.execPath, [BIN, 'scan', seizure], { encoding: 'utf8' });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /case reference/);
    const workers = spawnSync(process.execPath, [BIN, 'scan', '--case', 'X', '--workers', 'many', seizure], {
      encoding: 'utf8',
    });
    assert.equal(workers.status, 2);
    assert.match(workers.stderr, /--workers is a whole number/);
    // A path that is not there (a typo, a drive not mounted): refused before anything is written.
    const db = join(dir, 'db-missing-path');
    const missing = spawnSync(process.execPath, [BIN, 'scan', '--case', 'X', '--db', db, seizure, `${seizure}-typo`], {
      encoding: 'utf8',
    });
    assert.equal(missing.status, 2, missing.stderr);
    assert.match(missing.stderr, /No such file or folder: ".*seizure-typo"\. Nothing was scanned\./);
    assert.equal(existsSync(join(db, 'vigil.sqlite')), false, 'no database, so no case or exhibit');
    assert.equal(existsSync(join(db, 'reports')), false, 'no report');
    // The scan's own data or report folder inside a folder scanned: its database, key and decrypted
    // report would be read as evidence, more of them on every run.
    const inside = join(seizure, 'sub', 'vigil-data');
    const own = spawnSync(process.execPath, [BIN, 'scan', '--case', 'X', '--db', inside, seizure], {
      encoding: 'utf8',
    });
    assert.equal(own.status, 2, own.stderr);
    assert.match(own.stderr, /The data folder .*vigil-data is inside ".*seizure", .* give --db DIR outside it/);
    assert.equal(existsSync(inside), false, 'nothing written there');
    const report = spawnSync(
      process.execPath,
      [BIN, 'scan', '--case', 'X', '--db', db, '--report', join(seizure, 'r'), seizure],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(report.status, 2, report.stderr);
    assert.match(report.stderr, /The report folder .* give --report DIR outside it/);
  });
});
