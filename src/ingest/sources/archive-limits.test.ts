import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeTar, makeZip, nestedArchive, zipBomb } from '../../../test/support/archive-fixtures.js';
import { collect, errorAt, fileAt } from '../../../test/support/walk-collect.js';

const base = mkdtempSync(join(tmpdir(), 'vigil-limits-'));
after(() => rmSync(base, { recursive: true, force: true }));
let n = 0;

function folderWith(files: Record<string, Buffer>): { dir: string; at: string } {
  const dir = join(base, `case${++n}`);
  mkdirSync(dir);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return { dir, at: `case${n}/` };
}

test('nested archives are opened to three levels by default; the next one is an error', async () => {
  const { dir, at } = folderWith({ 'level1.zip': await nestedArchive() });
  const c = await collect(dir);
  const l3 = `${at}level1.zip!/level2.tgz!/level3.zip`;
  assert.deepEqual(
    c.files.map((f) => [f.logicalPath, f.depth]),
    [
      [`${at}level1.zip`, 0],
      [`${at}level1.zip!/note.txt`, 1],
      [`${at}level1.zip!/level2.tgz`, 1],
      [`${at}level1.zip!/level2.tgz!/note.txt`, 2],
      [l3, 2],
      [`${l3}!/note.txt`, 3],
      [`${l3}!/level4.tar`, 3],
    ],
  );
  assert.equal(fileAt(c, `${l3}!/note.txt`)?.content.toString(), 'three');
  assert.deepEqual(c.errors, [
    {
      kind: 'error',
      logicalPath: `${l3}!/level4.tar`,
      code: 'archive-too-deep',
      reason: 'archive nested deeper than 3 levels',
    },
  ]);
  const deeper = await collect(dir, { maxDepth: 4 });
  assert.equal(fileAt(deeper, `${l3}!/level4.tar!/deep.txt`)?.content.toString(), 'bottom');
  const shallow = await collect(dir, { maxDepth: 1 });
  assert.equal(errorAt(shallow, `${at}level1.zip!/level2.tgz`)?.code, 'archive-too-deep');
  assert.equal(shallow.files.length, 3);
});

test('a zip entry past the compression ratio limit is an error; its neighbours are read', async () => {
  const zeros = Buffer.alloc(4 * 1024 * 1024); // zipBomb's first entry: deflates about 1000:1
  const { dir, at } = folderWith({ 'bomb.zip': zipBomb() });
  const c = await collect(dir);
  const e = errorAt(c, `${at}bomb.zip!/zeros.bin`);
  assert.equal(e?.code, 'archive-bomb');
  assert.match(e?.reason ?? '', /expands more than 200:1/);
  assert.equal(fileAt(c, `${at}bomb.zip!/ok.txt`)?.content.toString(), 'ok');
  const relaxed = await collect(dir, { maxRatio: 5000 });
  assert.equal(fileAt(relaxed, `${at}bomb.zip!/zeros.bin`)?.size, zeros.length, 'a higher limit lets it through');
  const graced = await collect(dir, { ratioGraceBytes: 8 * 1024 * 1024 });
  assert.equal(graced.errors.length, 0, 'entries under the grace size are not held to the ratio');
});

test('a gzip stream past the ratio limit stops that archive; the walk goes on', async () => {
  const { dir, at } = folderWith({
    'bomb.tgz': await makeTar([{ name: 'zeros.bin', data: Buffer.alloc(8 * 1024 * 1024) }], true),
    'z.txt': Buffer.from('after'),
  });
  const c = await collect(dir);
  const e = errorAt(c, `${at}bomb.tgz`);
  assert.equal(e?.code, 'archive-bomb');
  assert.match(e?.reason ?? '', /gzip stream expands more than 200:1/);
  assert.equal(fileAt(c, `${at}z.txt`)?.content.toString(), 'after');
  assert.equal(c.files.filter((f) => f.logicalPath.includes('!/')).length, 0);
});

test('an archive that unpacks past the byte limit is stopped there: earlier entries kept, later ones not read', async () => {
  const kib = (c: string) => Buffer.alloc(1024, c);
  const entries = ['a', 'b', 'c', 'd'].map((c) => ({ name: `${c}.txt`, data: kib(c) }));
  const { dir, at } = folderWith({ 'many.zip': makeZip(entries), 'many.tar': await makeTar(entries) });
  const c = await collect(dir, { maxArchiveBytes: 2500 });
  for (const name of ['many.zip', 'many.tar']) {
    const inside = c.files.filter((f) => f.logicalPath.startsWith(`${at}${name}!/`)).map((f) => f.logicalPath);
    assert.deepEqual(inside, [`${at}${name}!/a.txt`, `${at}${name}!/b.txt`]);
    assert.equal(errorAt(c, `${at}${name}`)?.reason, 'archive unpacks to more than 2500 bytes');
  }
});

test('an archive past the ratio limit as a whole is stopped there, though each entry is under the grace', async () => {
  // 12 entries of 4 KiB of zeros: each within the grace, together 48 KiB from about 1 KiB.
  const entries = Array.from({ length: 12 }, (_, i) => ({ name: `z${i}.bin`, data: Buffer.alloc(4096) }));
  const zip = makeZip(entries);
  const { dir, at } = folderWith({ 'flat.zip': zip, 'plain.zip': makeZip([{ name: 'p.txt', data: 'plain' }]) });
  const c = await collect(dir, { maxRatio: 20, ratioGraceBytes: 4096 });
  const inside = c.files.filter((f) => f.logicalPath.startsWith(`${at}flat.zip!/`));
  const kept = Math.floor((20 * zip.length) / 4096);
  assert.equal(inside.length, kept, 'the entries read before the limit are kept');
  assert.match(
    errorAt(c, `${at}flat.zip`)?.reason ?? '',
    /^archive expands more than 20:1 as a whole \(over \d+ bytes from \d+\)$/,
  );
  assert.equal(errorAt(c, `${at}flat.zip`)?.code, 'archive-bomb');
  assert.equal(fileAt(c, `${at}plain.zip!/p.txt`)?.content.toString(), 'plain', 'the walk goes on');
});

test('nested archives draw on the budget of the archive on disk: nesting cannot multiply what it unpacks', async () => {
  // outer.zip holds 10 stored copies of inner.zip, which unpacks to 8 KiB of zeros: within the
  // grace, so each inner archive alone may unpack it. The tree as a whole (about 80 KiB from 3 KiB)
  // is past 20:1, and is stopped there.
  const inner = makeZip([
    { name: 'a.bin', data: Buffer.alloc(4096) },
    { name: 'b.bin', data: Buffer.alloc(4096) },
  ]);
  const copies = Array.from({ length: 10 }, (_, i) => ({ name: `i${i}.zip`, data: inner, method: 'store' as const }));
  const outer = makeZip(copies);
  const { dir, at } = folderWith({ 'outer.zip': outer });
  const c = await collect(dir, { maxRatio: 20, ratioGraceBytes: 8192 });
  const limit = 20 * outer.length;
  const unpacked = c.files.filter((f) => f.logicalPath.includes('!/')).reduce((n, f) => n + f.content.length, 0);
  assert.ok(unpacked <= limit, `${unpacked} bytes unpacked, limit ${limit}`);
  assert.ok(unpacked > limit - 2 * (inner.length + 4096), 'read up to the limit');
  assert.match(errorAt(c, `${at}outer.zip`)?.reason ?? '', /as a whole/);
  assert.ok(c.files.length < 1 + 10 * 3, 'not every copy was opened');
});

test('an archive with more entries than allowed is stopped at the limit', async () => {
  const entries = Array.from({ length: 10 }, (_, i) => ({ name: `f${i}.txt`, data: `${i}` }));
  const { dir, at } = folderWith({ 'wide.zip': makeZip(entries) });
  const c = await collect(dir, { maxEntries: 4 });
  assert.equal(c.files.length, 5);
  assert.equal(errorAt(c, `${at}wide.zip`)?.reason, 'more than 4 entries');
});
