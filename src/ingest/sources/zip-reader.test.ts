import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeZip } from '../../../test/support/archive-fixtures.js';
import { collect, errorAt, fileAt } from '../../../test/support/walk-collect.js';

const base = mkdtempSync(join(tmpdir(), 'vigil-zip-'));
after(() => rmSync(base, { recursive: true, force: true }));
let n = 0;

/** A folder holding one archive under `name`; returns the folder. */
function folderWith(name: string, bytes: Buffer): string {
  const dir = join(base, `case${++n}`);
  mkdirSync(dir);
  writeFileSync(join(dir, name), bytes);
  return dir;
}

test('zip entries follow the zip itself, in archive order, with depth 1 and the entry time', async () => {
  const zip = makeZip([
    { name: 'photos/', data: '' },
    { name: 'photos/b.txt', data: 'bee' },
    { name: 'a.txt', data: 'a'.repeat(5000), method: 'store' },
  ]);
  const dir = folderWith('evidence.zip', zip);
  const c = await collect(dir);
  const root = `case${n}`;
  assert.deepEqual(c.order, [
    `${root}/evidence.zip`,
    `${root}/evidence.zip!/photos/b.txt`,
    `${root}/evidence.zip!/a.txt`,
  ]);
  assert.equal(c.files[0].archive, 'zip');
  assert.equal(c.files[0].depth, 0);
  const b = fileAt(c, `${root}/evidence.zip!/photos/b.txt`);
  assert.equal(b?.content.toString(), 'bee');
  assert.equal(b?.depth, 1);
  assert.equal(b?.size, 3);
  assert.equal(new Date(b?.mtime ?? 0).getFullYear(), 2025);
  assert.equal(fileAt(c, `${root}/evidence.zip!/a.txt`)?.size, 5000);
});

test('archives are found by content: a zip named .jpg is opened, text named .zip is not', async () => {
  const dir = folderWith('holiday.jpg', makeZip([{ name: 'inside.txt', data: 'in' }]));
  writeFileSync(join(dir, 'fake.zip'), 'just text');
  const c = await collect(dir);
  assert.equal(fileAt(c, `case${n}/holiday.jpg!/inside.txt`)?.content.toString(), 'in');
  assert.equal(fileAt(c, `case${n}/fake.zip`)?.archive, undefined);
  assert.equal(c.files.length, 3);
  const off = await collect(dir, { openArchives: false });
  assert.equal(off.files.length, 2, 'openArchives: false yields archives as plain files');
});

test('zip-slip, absolute and drive-letter names are refused; nothing lands outside the temp area', async () => {
  const temp = join(base, 'temp-parent');
  mkdirSync(temp);
  const zip = makeZip([
    { name: '../escape.txt', data: 'evil' },
    { name: '../../escape2.txt', data: 'evil' },
    { name: 'ok/../../escape3.txt', data: 'evil' },
    { name: '/tmp/abs.txt', data: 'evil' },
    { name: 'C:/Windows/drive.txt', data: 'evil' },
    { name: '..\\win-escape.txt', data: 'evil' },
    { name: 'fine.txt', data: 'fine' },
  ]);
  const dir = folderWith('slip.zip', zip);
  const c = await collect(dir, { tempParent: temp });
  const at = `case${n}/slip.zip!/`;
  assert.deepEqual(
    c.errors.map((e) => [e.logicalPath, e.code, e.reason]),
    [
      [`${at}../escape.txt`, 'unsafe-path', 'path leaves the archive (..)'],
      [`${at}../../escape2.txt`, 'unsafe-path', 'path leaves the archive (..)'],
      [`${at}ok/../../escape3.txt`, 'unsafe-path', 'path leaves the archive (..)'],
      [`${at}/tmp/abs.txt`, 'unsafe-path', 'absolute path'],
      [`${at}C:/Windows/drive.txt`, 'unsafe-path', 'drive letter'],
      [`${at}../win-escape.txt`, 'unsafe-path', 'path leaves the archive (..)'],
    ],
  );
  assert.equal(fileAt(c, `${at}fine.txt`)?.content.toString(), 'fine');
  assert.deepEqual(readdirSync(temp), [], 'temp area removed, nothing beside it');
  assert.deepEqual(readdirSync(dir), ['slip.zip']);
  assert.deepEqual(
    readdirSync(base).filter((f) => f.includes('escape')),
    [],
  );
});

test('encrypted, linked, unknown-method and lying entries are errors; their neighbours are read', async () => {
  const zip = makeZip([
    { name: 'secret.txt', data: 'xxxx', encrypted: true },
    { name: 'link', data: '/etc/passwd', mode: 0o120777, method: 'store' },
    { name: 'liar.txt', data: 'a'.repeat(1000), declaredSize: 10 },
    { name: 'bzip2.txt', data: 'BZh9', method: 12 },
    { name: 'after.txt', data: 'after' },
  ]);
  const dir = folderWith('mixed.zip', zip);
  const c = await collect(dir);
  const at = `case${n}/mixed.zip!/`;
  assert.equal(errorAt(c, `${at}secret.txt`)?.reason, 'encrypted entry');
  assert.equal(errorAt(c, `${at}link`)?.code, 'link-not-followed');
  assert.equal(errorAt(c, `${at}liar.txt`)?.code, 'corrupt-archive');
  assert.equal(errorAt(c, `${at}bzip2.txt`)?.reason, 'compression method 12');
  assert.equal(fileAt(c, `${at}after.txt`)?.content.toString(), 'after');
});

test('corrupt, truncated and zero-byte zips are errors and the walk goes on', async () => {
  const good = makeZip([{ name: 'a.txt', data: 'hello '.repeat(200) }]);
  const dir = folderWith('truncated.zip', good.subarray(0, Math.floor(good.length / 2)));
  writeFileSync(join(dir, 'corrupt.zip'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(300, 7)]));
  writeFileSync(join(dir, 'empty.zip'), '');
  writeFileSync(join(dir, 'z-ok.txt'), 'still here');
  const c = await collect(dir);
  const at = `case${n}/`;
  assert.equal(errorAt(c, `${at}truncated.zip`)?.code, 'corrupt-archive');
  assert.equal(errorAt(c, `${at}corrupt.zip`)?.code, 'corrupt-archive');
  assert.equal(errorAt(c, `${at}empty.zip`)?.code, 'empty-file');
  assert.equal(fileAt(c, `${at}z-ok.txt`)?.content.toString(), 'still here');
  assert.equal(fileAt(c, `${at}truncated.zip`)?.archive, 'zip', 'the damaged zip is still handed out as a file');
});

test('a name repeated inside one zip gets a distinct key', async () => {
  const dir = folderWith(
    'dup.zip',
    makeZip([
      { name: 'same.txt', data: '1' },
      { name: 'same.txt', data: '2' },
    ]),
  );
  const c = await collect(dir);
  assert.deepEqual(
    c.files.slice(1).map((f) => [f.logicalPath, f.content.toString()]),
    [
      [`case${n}/dup.zip!/same.txt`, '1'],
      [`case${n}/dup.zip!/same.txt!dup2`, '2'],
    ],
  );
});
