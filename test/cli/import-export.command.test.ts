import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { REPO_ROOT } from '../support/paths.js';
import { blobs } from '../support/patterns.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-interop-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const BIN = join(REPO_ROOT, 'bin/vigil.js');
const db = join(dir, 'data');
const h = (algorithm: string, text: string) => createHash(algorithm).update(text).digest('hex');

const vigil = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args, '--db', db], { encoding: 'utf8' });
const jsonLines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

before(async () => {
  const rows = ['Category,Series,MD5,SHA-1,PDQ,Quality,FilePath,Notes'];
  for (let i = 1; i <= 20; i++) {
    const pdq = i % 2 ? h('sha256', `pdq-${i}`) : '';
    rows.push(
      `${i % 5},Sample series ${i % 3},${h('md5', `s${i}`)},${h('sha1', `s${i}`)},${pdq},${pdq ? 80 : ''},` +
        `C:\\cases\\sample-${String(i).padStart(4, '0')}.jpg,"note about sample ${i}"`,
    );
  }
  rows.push(`1,,${h('md5', 'bad').slice(0, 30)},,,,C:\\cases\\sample-bad.jpg,`);
  rows.push(`7,,${h('md5', 'cat')},,,,C:\\cases\\sample-cat.jpg,`);
  rows.push(`1,,zz${h('md5', 'hex').slice(2)},,,,C:\\cases\\sample-hex.jpg,`);
  writeFileSync(join(dir, 'list.csv'), `${rows.join('\r\n')}\r\n`);
  mkdirSync(join(dir, 'seizure'), { recursive: true });
  for (let i = 1; i <= 3; i++) {
    const px = blobs(96, 64, 40 + i);
    const png = await sharp(Buffer.from(px.data), {
      raw: { width: px.width, height: px.height, channels: px.channels },
    })
      .png()
      .toBuffer();
    writeFileSync(join(dir, 'seizure', `sample-000${i}.png`), png);
  }
});

describe('vigil import and vigil export', () => {
  test('import names every rejected row with its line and reason, and carries on', () => {
    const r = vigil('import', join(dir, 'list.csv'), '--as', 'Sample list', '--json');
    assert.equal(r.status, 4, r.stderr);
    const lines = jsonLines(r.stdout);
    assert.deepEqual(
      lines.filter((l) => l.event === 'rejected').map((l) => [l.line, l.code]),
      [
        [22, 'wrong-length'],
        [23, 'unknown-category'],
        [24, 'malformed-hex'],
      ],
    );
    const done = lines.at(-1);
    assert.equal(done.event, 'done');
    assert.deepEqual([done.format, done.accepted, done.inserted, done.rejected], ['csv', 20, 20, 3]);
    const again = vigil('import', join(dir, 'list.csv'), '--as', 'Sample list');
    assert.equal(again.status, 4);
    assert.match(again.stderr, /line 23: unknown-category: "7" is not a projectvic_us category/);
    assert.match(again.stderr, /20 rows accepted \(0 new, 20 already in the set\), 3 rejected/);
  });

  test('a full CSV export reads back as the same rows', () => {
    const out = join(dir, 'full.csv');
    const r = vigil('export', '--format', 'csv', '--hash-set', 'Sample list', '--out', out);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /20 rows written as csv\./);
    const text = readFileSync(out, 'utf8');
    assert.match(text, /Sample series 1/);
    const back = vigil('import', out, '--as', 'Round trip', '--json');
    assert.equal(back.status, 0, back.stderr);
    assert.equal(jsonLines(back.stdout).at(-1).inserted, 20);
    const again = vigil('export', '--format', 'csv', '--hash-set', 'Round trip');
    const sorted = (t: string) => t.trim().split('\n').sort();
    assert.deepEqual(sorted(again.stdout), sorted(text));
  });

  test('a hash-only export holds nothing but hashes and categories', () => {
    assert.equal(vigil('scan', '--case', 'OP-1', join(dir, 'seizure')).status, 0);
    const exports = [
      vigil('export', '--format', 'csv', '--hash-set', 'Sample list', '--hash-only'),
      vigil('export', '--format', 'csv', '--hash-set', 'Sample list', '--hash-only', '--scheme', 'dhs_legacy'),
      vigil('export', '--format', 'csv', '--case', 'OP-1', '--hash-only'),
      vigil('export', '--format', 'baseline', '--hash-set', 'Sample list'),
    ];
    for (const r of exports) {
      assert.ok(r.status === 0 || r.status === 4, r.stderr);
      const [header, ...rows] = r.stdout.trim().split('\n');
      assert.ok(header === 'md5,sha1,sha256,pdq,quality,category' || header === 'md5,sha1,sha256,pdq', header);
      for (const row of rows) {
        // Every cell is empty, lower-case hex, a quality 0–100 or a category code: no names, paths or notes.
        assert.match(
          row,
          /^([0-9a-f]{32})?,([0-9a-f]{40})?,([0-9a-f]{64})?,([0-9a-f]{64})?(,(\d{1,3})?,([0-9A-Za-z]{1,8})?)?$/,
          row,
        );
      }
      assert.doesNotMatch(r.stdout, /sample|series|note|cases|seizure|\.jpg|\.png|\\|\//i);
    }
    assert.equal(exports[2]?.stdout.trim().split('\n').length, 4);
    assert.equal(exports[1]?.status, 4);
    assert.match(
      exports[1]?.stderr ?? '',
      /projectvic_us 1: written without a category: .*lies in no dhs_legacy value/,
    );
  });

  test('an NSRL list fills a known-good set; usage errors exit 2', () => {
    const nsrl = join(dir, 'NSRLFile.txt');
    const rows = ['"SHA-1","MD5","CRC32","FileName","FileSize","ProductCode","OpSystemCode","SpecialCode"'];
    for (let i = 0; i < 5; i++) {
      rows.push(
        `"${h('sha1', `k${i}`).toUpperCase()}","${h('md5', `k${i}`).toUpperCase()}","0","sample-${i}.dll",1,1,"1",""`,
      );
    }
    writeFileSync(nsrl, `\uFEFF${rows.join('\r\n')}\r\n`);
    const r = vigil('import', nsrl, '--as', 'Known good', '--json');
    assert.equal(r.status, 0, r.stderr);
    const done = jsonLines(r.stdout).at(-1);
    assert.deepEqual([done.format, done.accepted, done.hashSet.knownGood], ['nsrl', 5, true]);
    assert.equal(vigil('import', join(dir, 'list.csv'), '--as', 'Known good').status, 2);
    assert.equal(vigil('import', nsrl).status, 2);
    assert.equal(vigil('export', '--format', 'csv').status, 2);
    assert.equal(vigil('export', '--format', 'nope', '--hash-set', 'x').status, 2);
    assert.equal(vigil('export', '--format', 'csv', '--series', 'S', '--case', 'C').status, 2);
    const noSeries = vigil('export', '--format', 'csv', '--series', 'NO-SUCH', '--out', join(dir, 'none.csv'));
    assert.equal(noSeries.status, 1);
    assert.match(noSeries.stderr, /There is no series "NO-SUCH" of this agency/);
    assert.equal(existsSync(join(dir, 'none.csv')) || existsSync(join(dir, 'none.csv.part')), false);
    assert.equal(vigil('import', nsrl, '--as', 'x', '--scheme', 'nope').status, 2);
  });
});
