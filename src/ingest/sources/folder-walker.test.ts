import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { collect, errorAt, fileAt } from '../../../test/support/walk-collect.js';
import { walkSource } from './index.js';

const base = mkdtempSync(join(tmpdir(), 'vigil-folder-'));
after(() => rmSync(base, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const root = join(base, name);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  mkdirSync(root, { recursive: true });
  return root;
}

test('a folder is walked recursively in byte order of names, with sizes, depth 0 and file times', async () => {
  const root = tree('ev', { 'b.txt': 'bb', 'a/z.txt': 'z', 'a/b/c.txt': 'ccc', 'B.txt': 'B', 'a.txt': 'a' });
  const c = await collect(root);
  assert.deepEqual(c.order, ['ev/B.txt', 'ev/a/b/c.txt', 'ev/a/z.txt', 'ev/a.txt', 'ev/b.txt']);
  assert.deepEqual(c.errors, []);
  const f = fileAt(c, 'ev/a/b/c.txt');
  assert.equal(f?.size, 3);
  assert.equal(f?.depth, 0);
  assert.equal(f?.content.toString(), 'ccc');
  assert.ok(Math.abs((f?.mtime ?? 0) - Date.now()) < 60_000);
  assert.deepEqual((await collect(root)).order, c.order, 'same order on every run');
});

test('a single file is its own source; a missing path is one error', async () => {
  const root = tree('single', { 'one.txt': 'one' });
  const c = await collect(join(root, 'one.txt'));
  assert.deepEqual(c.order, ['one.txt']);
  assert.equal(c.files[0].content.toString(), 'one');
  const missing = await collect(join(base, 'nope'));
  assert.deepEqual(missing.errors, [
    { kind: 'error', logicalPath: 'nope', code: 'unreadable-file', reason: 'no such file or folder' },
  ]);
});

test('links inside the source are followed; links out of it, broken links and loops are errors', async () => {
  const outside = tree('outside', { 'secret.txt': 'not part of the exhibit' });
  const root = tree('links', { 'real/x.txt': 'x', 'y.txt': 'y' });
  symlinkSync(join(outside, 'secret.txt'), join(root, 'to-outside-file'));
  symlinkSync(outside, join(root, 'to-outside-dir'));
  symlinkSync('../../outside', join(root, 'real', 'relative-out'));
  symlinkSync('y.txt', join(root, 'to-y'));
  symlinkSync('real', join(root, 'to-real'));
  symlinkSync('..', join(root, 'real', 'up'));
  symlinkSync('loop-b', join(root, 'loop-a'));
  symlinkSync('loop-a', join(root, 'loop-b'));
  symlinkSync('gone.txt', join(root, 'broken'));
  const c = await collect(root);
  assert.equal(errorAt(c, 'links/to-outside-file')?.code, 'link-not-followed');
  assert.equal(errorAt(c, 'links/to-outside-dir')?.reason, 'symbolic link points outside the source');
  assert.equal(errorAt(c, 'links/real/relative-out')?.code, 'link-not-followed');
  assert.equal(errorAt(c, 'links/real/up')?.code, 'link-loop');
  assert.equal(errorAt(c, 'links/loop-a')?.code, 'link-loop');
  assert.equal(errorAt(c, 'links/loop-b')?.code, 'link-loop');
  assert.equal(errorAt(c, 'links/broken')?.reason, 'broken symbolic link');
  assert.equal(fileAt(c, 'links/to-y')?.content.toString(), 'y');
  assert.equal(fileAt(c, 'links/to-real/x.txt')?.content.toString(), 'x');
  assert.equal(errorAt(c, 'links/to-real/up')?.code, 'link-loop', 'loop found through the linked folder too');
  assert.ok(!c.files.some((f) => f.content.toString().includes('exhibit')), 'nothing read from outside');
});

test('a fifo and a socket are reported and never opened (opening a fifo would block the walk)', async () => {
  const root = tree('special', { 'a.txt': 'a' });
  execFileSync('mkfifo', [join(root, 'pipe')]);
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(join(root, 'sock'), resolve));
  try {
    const c = await collect(root);
    assert.deepEqual(errorAt(c, 'special/pipe'), {
      kind: 'error',
      logicalPath: 'special/pipe',
      code: 'unsupported-format',
      reason: 'fifo, not read',
    });
    assert.deepEqual(errorAt(c, 'special/sock'), {
      kind: 'error',
      logicalPath: 'special/sock',
      code: 'unsupported-format',
      reason: 'socket, not read',
    });
    assert.equal(c.files.length, 1);
  } finally {
    server.close();
  }
});

test('non-UTF-8 names keep their bytes (%XX) and stay readable', async () => {
  const root = tree('bytes', {});
  const rootBuf = Buffer.from(root);
  const latin1Dir = Buffer.concat([rootBuf, Buffer.from('/caf\xe9', 'latin1')]);
  mkdirSync(latin1Dir);
  writeFileSync(Buffer.concat([latin1Dir, Buffer.from([0x2f, 0xff, 0xfe, 0x2e, 0x74])]), 'raw');
  writeFileSync(Buffer.concat([rootBuf, Buffer.from('/100%.txt')]), 'pct');
  const c = await collect(root);
  assert.deepEqual(c.errors, []);
  assert.equal(fileAt(c, 'bytes/caf%E9/%FF%FE.t')?.content.toString(), 'raw');
  assert.equal(fileAt(c, 'bytes/100%25.txt')?.content.toString(), 'pct');
  for await (const item of walkSource(root)) {
    if (item.kind !== 'file') continue;
    const chunks: Buffer[] = [];
    for await (const chunk of await item.open()) chunks.push(chunk as Buffer);
    assert.ok(['raw', 'pct'].includes(Buffer.concat(chunks).toString()), 'open() reads the same bytes');
    await item.release();
  }
});

test('names of 255 bytes, nested past 2,000 bytes of path, are walked', async () => {
  const long = 'n'.repeat(251);
  const multi = 'é'.repeat(127); // 254 bytes of UTF-8
  const rel = [long, multi, long, multi, long, multi, long, multi].join('/');
  const root = tree('long', { [`${rel}/${'f'.repeat(250)}.txt`]: 'deep' });
  const c = await collect(root);
  assert.deepEqual(c.errors, []);
  assert.equal(c.files.length, 1);
  assert.equal(c.files[0].logicalPath, `long/${rel}/${'f'.repeat(250)}.txt`);
  assert.ok(Buffer.byteLength(c.files[0].logicalPath) > 2000);
  assert.equal(c.files[0].content.toString(), 'deep');
});

test('an entry whose path is past 4,096 bytes is one error that says why; its neighbours are walked', async () => {
  const root = tree('too-long', { 'near.txt': 'near' });
  // Made one level at a time from inside (mkdir of the whole path fails the same way), and removed
  // by rm, which also works one level at a time (rmSync cannot).
  const level = 'd'.repeat(250);
  const make = `cd "$1" && for i in $(seq 17); do mkdir ${level} && cd ${level}; done && echo far > far.txt`;
  execFileSync('bash', ['-c', make, 'bash', root]);
  try {
    const c = await collect(root);
    assert.deepEqual(
      c.files.map((f) => f.logicalPath),
      ['too-long/near.txt'],
    );
    assert.equal(c.errors.length, 1);
    const [error] = c.errors;
    assert.equal(error.code, 'unreadable-file');
    assert.match(error.reason, /path longer than the system can open .*ENAMETOOLONG/);
    assert.ok(Buffer.byteLength(root) + Buffer.byteLength(error.logicalPath) > 4096);
    assert.ok(error.logicalPath.startsWith(`too-long/${level}/`));
  } finally {
    execFileSync('rm', ['-rf', join(root, level)]);
  }
});

test('zero-byte files are an error (empty-file), the rest is still walked', async () => {
  const root = tree('empty', { 'empty.zip': '', 'ok.txt': 'ok' });
  const c = await collect(root);
  assert.equal(errorAt(c, 'empty/empty.zip')?.code, 'empty-file');
  assert.equal(readFileSync(join(root, 'ok.txt'), 'utf8'), fileAt(c, 'empty/ok.txt')?.content.toString());
});
