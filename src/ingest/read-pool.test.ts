import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeFailure } from '../services/file-hasher.js';
import { digestBuffer, digestFile } from '../signals/crypto/file-digests.js';
import { createReadPool, defaultReadThreads, sameBytes } from './read-pool.js';

function bytes(size: number, seed: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0, x = seed; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

test('files read on worker threads get the same digests as on this thread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-read-pool-'));
  const pool = createReadPool(2);
  try {
    // Empty, small, exactly one 1 MiB read and over several of them.
    const sizes = [0, 1000, 1024 * 1024, 3 * 1024 * 1024 + 17];
    const paths = sizes.map((size, i) => {
      const p = join(dir, `f${i}`);
      writeFileSync(p, bytes(size, i + 1));
      return p;
    });
    const got = await Promise.all(paths.map((p) => pool.read(p)));
    for (const [i, p] of paths.entries()) {
      const { size, ...digests } = await digestFile(p);
      assert.equal(got[i].size, size, `size of ${sizes[i]} bytes`);
      assert.deepEqual(got[i].digests, digests, `digests of ${sizes[i]} bytes`);
    }
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bytes already read (an archive member) are hashed on a thread; the caller keeps them', async () => {
  const pool = createReadPool(1);
  try {
    const backing = bytes(10_000, 9);
    const member = backing.subarray(1000, 4000); // a view into a larger buffer, as archive readers give
    const got = await pool.digest(member);
    const { size: _size, ...digests } = digestBuffer(member);
    assert.deepEqual(got.digests, digests);
    assert.equal(got.size, 3000);
    assert.equal(member.length, 3000, 'the caller’s buffer is still usable');
    assert.ok(backing.subarray(1000, 4000).equals(member));
  } finally {
    await pool.close();
  }
});

test('bytes read again for decoding must be the bytes that were hashed', () => {
  const data = bytes(5000, 3);
  const { sha256 } = digestBuffer(data);
  assert.doesNotThrow(() => sameBytes(data, sha256));
  const changed = Buffer.from(data);
  changed[4999] ^= 1;
  assert.throws(() => sameBytes(changed, sha256), /changed while it was being read/);
});

test('a missing file, a folder and a named pipe are that file’s read errors, and the pool goes on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-read-pool-'));
  const pool = createReadPool(1);
  try {
    const missing = await pool.read(join(dir, 'nope')).then(
      () => assert.fail('a missing file was read'),
      (e: unknown) => e,
    );
    assert.deepEqual(describeFailure(missing), { code: 'unreadable-file', message: 'Cannot read file (ENOENT).' });
    const folder = await pool.read(dir).then(
      () => assert.fail('a folder was read'),
      (e: unknown) => e,
    );
    assert.deepEqual(describeFailure(folder), { code: 'unreadable-file', message: 'Not a regular file.' });
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const pipe = await pool.read(join(dir, 'pipe')).then(
      () => assert.fail('a named pipe was read'),
      (e: unknown) => e,
    );
    assert.equal(describeFailure(pipe).message, 'Not a regular file.', 'a named pipe is refused, not waited on');
    writeFileSync(join(dir, 'ok'), 'abc');
    assert.equal((await pool.read(join(dir, 'ok'))).digests.md5, '900150983cd24fb0d6963f7d28e17f72');
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('one read thread per core', () => {
  assert.deepEqual(
    [1, 2, 8].map((cores) => defaultReadThreads(cores)),
    [1, 2, 8],
  );
});
