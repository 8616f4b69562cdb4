import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { AppError } from '../../domain/app-error.js';
import { digestBuffer, digestFile } from './file-digests.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-digests-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('digests of the empty file are the published empty-input values', async () => {
  const p = join(dir, 'empty');
  writeFileSync(p, '');
  assert.deepEqual(await digestFile(p), {
    size: 0,
    md5: 'd41d8cd98f00b204e9800998ecf8427e',
    sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  });
});

for (const [label, length] of [
  ['a small file (one read call)', 300_017],
  ['a file spanning many read chunks', 11 * (1 << 20) + 17],
] as const) {
  test(`${label} digests like the same bytes in memory`, async () => {
    const data = randomBytes(length);
    const p = join(dir, `random-${length}.bin`);
    writeFileSync(p, data);
    const fromFile = await digestFile(p);
    assert.deepEqual(fromFile, digestBuffer(data));
    assert.equal(fromFile.sha256, createHash('sha256').update(data).digest('hex'));
    assert.deepEqual(await digestFile(p, ['sha1']), { size: data.length, sha1: fromFile.sha1 });
  });
}

test('memory stays flat on a multi-GB file (one pass, two fixed buffers)', async () => {
  const p = join(dir, 'sparse-2g.bin');
  const fh = await open(p, 'w');
  await fh.truncate(2 * 1024 ** 3); // sparse: no disk used, reads as zeros
  await fh.close();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const d = await digestFile(p, ['md5']);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  assert.equal(d.size, 2 * 1024 ** 3);
  assert.equal(d.md5, 'a981130cf2b7e09f4686dc273cf7187e'); // md5 of 2 GiB of zero bytes
  assert.ok(peak - before < 64 * 1024 * 1024, `RSS grew by ${((peak - before) / 1e6).toFixed(0)} MB`);
});

test('a missing file or a folder is a typed error', async () => {
  await assert.rejects(digestFile(join(dir, 'nope')), (e: unknown) => AppError.is(e, 'unreadable-file'));
  await assert.rejects(digestFile(dir), (e: unknown) => AppError.is(e, 'unreadable-file'));
});
