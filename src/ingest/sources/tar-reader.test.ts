import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { makeTar } from '../../../test/support/archive-fixtures.js';
import { collect, errorAt, fileAt } from '../../../test/support/walk-collect.js';

const base = mkdtempSync(join(tmpdir(), 'vigil-tar-'));
after(() => rmSync(base, { recursive: true, force: true }));
let n = 0;

function folderWith(files: Record<string, Buffer | string>): { dir: string; at: string } {
  const dir = join(base, `case${++n}`);
  mkdirSync(dir);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return { dir, at: `case${n}/` };
}

const ENTRIES = [
  { name: 'photos', type: 'directory' as const },
  { name: 'photos/b.txt', data: 'bee' },
  { name: 'a.txt', data: 'a'.repeat(3000) },
];

test('tar and tar.gz entries are read by content, in archive order, with their times', async () => {
  const { dir, at } = folderWith({ 'plain.bin': await makeTar(ENTRIES), 'packed.dat': await makeTar(ENTRIES, true) });
  const c = await collect(dir);
  assert.deepEqual(c.order, [
    `${at}packed.dat`,
    `${at}packed.dat!/photos/b.txt`,
    `${at}packed.dat!/a.txt`,
    `${at}plain.bin`,
    `${at}plain.bin!/photos/b.txt`,
    `${at}plain.bin!/a.txt`,
  ]);
  assert.equal(fileAt(c, `${at}packed.dat`)?.archive, 'tar.gz');
  assert.equal(fileAt(c, `${at}plain.bin`)?.archive, 'tar');
  const b = fileAt(c, `${at}plain.bin!/photos/b.txt`);
  assert.equal(b?.content.toString(), 'bee');
  assert.equal(b?.depth, 1);
  assert.equal(b?.mtime, Date.UTC(2025, 0, 1));
  assert.equal(fileAt(c, `${at}packed.dat!/a.txt`)?.size, 3000);
});

test('unsafe names and links inside a tar are errors; nothing is written outside the temp area', async () => {
  const temp = join(base, 'temp-parent');
  mkdirSync(temp);
  const bytes = await makeTar([
    { name: '../escape.txt', data: 'evil' },
    { name: '/etc/abs.txt', data: 'evil' },
    { name: 'link', type: 'symlink', linkname: '/etc/passwd' },
    { name: 'hard', type: 'link', linkname: '../outside' },
    { name: 'fifo', type: 'fifo' },
    { name: 'fine.txt', data: 'fine' },
  ]);
  const { dir, at } = folderWith({ 'evil.tar': bytes });
  const c = await collect(dir, { tempParent: temp });
  const t = `${at}evil.tar!/`;
  assert.deepEqual(
    c.errors.map((e) => [e.logicalPath, e.code]),
    [
      [`${t}../escape.txt`, 'unsafe-path'],
      [`${t}/etc/abs.txt`, 'unsafe-path'],
      [`${t}link`, 'link-not-followed'],
      [`${t}hard`, 'link-not-followed'],
      [`${t}fifo`, 'unsupported-format'],
    ],
  );
  assert.equal(fileAt(c, `${t}fine.txt`)?.content.toString(), 'fine');
  assert.deepEqual(readdirSync(temp), []);
  assert.deepEqual(readdirSync(dir), ['evil.tar']);
});

test('truncated tar and tar.gz are errors and the walk goes on', async () => {
  // random bytes do not compress, so a cut compressed stream also cuts the first entry
  const big = [
    { name: 'a.txt', data: randomBytes(50_000) },
    { name: 'b.txt', data: randomBytes(50_000) },
  ];
  const tar = await makeTar(big);
  const tgz = gzipSync(Buffer.concat([tar.subarray(0, 30_000)]));
  const tgzCut = (await makeTar(big, true)).subarray(0, 200);
  const { dir, at } = folderWith({
    'cut.tar': tar.subarray(0, 30_000),
    'cut-inside.tgz': tgz,
    'cut-stream.tgz': tgzCut,
    'z.txt': 'after',
  });
  const c = await collect(dir);
  assert.equal(errorAt(c, `${at}cut.tar`)?.code, 'corrupt-archive');
  assert.equal(errorAt(c, `${at}cut-inside.tgz`)?.code, 'corrupt-archive');
  assert.equal(errorAt(c, `${at}cut-stream.tgz`)?.code, 'corrupt-archive');
  assert.equal(fileAt(c, `${at}z.txt`)?.content.toString(), 'after');
  assert.ok(!c.files.some((f) => f.logicalPath.endsWith('!/a.txt')), 'partial entries are not handed out');
});

test('a gzip that does not hold a tar is a plain file', async () => {
  const { dir, at } = folderWith({ 'notes.gz': gzipSync(Buffer.from('some notes')) });
  const c = await collect(dir);
  assert.deepEqual(c.order, [`${at}notes.gz`]);
  assert.equal(c.files[0].archive, undefined);
});
