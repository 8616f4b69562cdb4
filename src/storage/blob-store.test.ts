import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { AppError, type AppErrorCode } from '../domain/app-error.js';
import { BLOB_HEADER_BYTES, TAG_BYTES } from './blob-cipher.js';
import { BLOB_KEY_BYTES, loadBlobKey } from './blob-key.js';
import { BlobStore, openBlobStores } from './blob-store.js';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function scratch(): string {
  const d = mkdtempSync(join(tmpdir(), 'vigil-blob-'));
  dirs.push(d);
  return d;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const isCode = (code: AppErrorCode) => (err: unknown) => {
  assert.ok(AppError.is(err, code), `expected AppError ${code}, got ${String(err)}`);
  return true;
};

/** Benign, recognisable content: a repeated text pattern of `size` bytes. */
function pattern(size: number, tag = 'vigil-test-pattern'): Buffer {
  const unit = Buffer.from(`${tag}:0123456789abcdef|`);
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i += unit.length) unit.copy(out, i);
  return out;
}

/** 1 KiB chunks: record = 1024 + 16 bytes after a 32-byte header. */
const SMALL = 10;
const RECORD = 1024 + TAG_BYTES;

async function smallStore() {
  const dir = scratch();
  const stores = await openBlobStores(dir, { chunkLog2: SMALL });
  return { dir, store: stores.media, thumbnails: stores.thumbnails };
}

describe('blob key file', () => {
  test('is created once with mode 0600 and 32 bytes, and read back the same', () => {
    const path = join(scratch(), 'keys', 'blob.key');
    const first = loadBlobKey(path, { create: true });
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(statSync(path).size, BLOB_KEY_BYTES);
    const again = loadBlobKey(path, { create: true });
    assert.ok(again.key.equals(first.key));
    assert.ok(again.id.equals(first.id));
    assert.equal(first.id.length, 8);
  });

  test('looser permissions are refused with a clear error that never shows the key', () => {
    const path = join(scratch(), 'blob.key');
    const { key } = loadBlobKey(path, { create: true });
    for (const mode of [0o644, 0o640, 0o604, 0o660]) {
      chmodSync(path, mode);
      assert.throws(
        () => loadBlobKey(path),
        (err: unknown) => {
          isCode('unsafe-key-file')(err);
          const message = (err as Error).message;
          assert.match(message, /chmod 600/);
          assert.ok(!message.includes(key.toString('hex')) && !message.includes(key.toString('base64')));
          return true;
        },
      );
    }
    chmodSync(path, 0o400);
    assert.ok(loadBlobKey(path).key.equals(key));
  });

  test('a key file of the wrong length is refused; a missing one is not-found unless created', () => {
    const dir = scratch();
    for (const size of [0, 31, 33, 64]) {
      const path = join(dir, `short-${size}.key`);
      writeFileSync(path, Buffer.alloc(size, 7), { mode: 0o600 });
      assert.throws(() => loadBlobKey(path), isCode('unsafe-key-file'));
    }
    assert.throws(() => loadBlobKey(join(dir, 'none.key')), isCode('not-found'));
  });
});

describe('blob store', () => {
  test('round trip at every chunk boundary; the address is the SHA-256 of the plaintext', async () => {
    const { store } = await smallStore();
    for (const size of [0, 1, 1023, 1024, 1025, 2048, 3 * 1024 + 7]) {
      const content = pattern(size, `round-${size}`);
      const put = await store.put(content);
      assert.deepEqual(put, { sha256: sha(content), size, created: true });
      assert.ok((await store.get(put.sha256)).equals(content), `size ${size}`);
      const path = store.pathOf(put.sha256);
      assert.ok(path.endsWith(join(put.sha256.slice(0, 2), put.sha256.slice(2, 4), put.sha256)));
      assert.equal(statSync(path).mode & 0o777, 0o600);
      const chunks = Math.max(1, Math.ceil(size / 1024));
      assert.equal(statSync(path).size, BLOB_HEADER_BYTES + size + chunks * TAG_BYTES);
    }
  });

  test('is encrypted at rest: the file holds no plaintext, and each write uses a fresh nonce', async () => {
    const { store } = await smallStore();
    const content = pattern(5000, 'plaintext-marker');
    const { sha256 } = await store.put(content);
    const first = readFileSync(store.pathOf(sha256));
    assert.equal(first.indexOf(Buffer.from('plaintext-marker')), -1);
    const again = await store.put(Readable.from([content.subarray(0, 100), content.subarray(100)]));
    assert.deepEqual(again, { sha256, size: 5000, created: false });
    const second = readFileSync(store.pathOf(sha256));
    assert.ok(!first.subarray(16, 28).equals(second.subarray(16, 28)), 'blob nonce reused');
    assert.ok(!first.subarray(BLOB_HEADER_BYTES).equals(second.subarray(BLOB_HEADER_BYTES)));
    assert.ok((await store.get(sha256)).equals(content));
  });

  test('an expected SHA-256 that does not match stores nothing', async () => {
    const { store } = await smallStore();
    const content = pattern(3000, 'expected');
    const wrong = sha(Buffer.from('something else'));
    await assert.rejects(store.put(content, { expectedSha256: wrong }), isCode('conflict'));
    assert.equal(await store.has(sha(content)), false);
    assert.equal(await store.has(wrong), false);
    assert.deepEqual(readdirSync(join(store.root, '.tmp')), []);
    const ok = await store.put(content, { expectedSha256: sha(content) });
    assert.equal(ok.sha256, sha(content));
  });

  test('a source that fails mid-stream stores nothing and leaves no temp file', async () => {
    const { store } = await smallStore();
    async function* failing() {
      yield pattern(4096, 'before-failure');
      throw new Error('device unplugged');
    }
    await assert.rejects(store.put(failing()), isCode('unreadable-file'));
    assert.deepEqual(readdirSync(join(store.root, '.tmp')), []);
    const listed = [];
    for await (const b of store.list()) listed.push(b);
    assert.deepEqual(listed, []);
  });

  test('a missing blob is not-found; a bad address is bad-usage', async () => {
    const { store } = await smallStore();
    await assert.rejects(store.get(sha(Buffer.from('never stored'))), isCode('not-found'));
    assert.throws(() => store.pathOf('../../etc/passwd'), isCode('bad-usage'));
  });

  describe('tampering is detected and nothing is returned', () => {
    const content = pattern(3 * 1024 + 500, 'tamper'); // 4 chunks: 3 full + 1 partial
    const cases: Array<[string, (file: Buffer, other: Buffer) => Buffer]> = [
      ['a flipped header byte (chunk size)', (f) => flip(f, 5)],
      ['a flipped reserved header byte', (f) => flip(f, 30)],
      ['a flipped ciphertext byte in the first chunk', (f) => flip(f, BLOB_HEADER_BYTES + 10)],
      ['a flipped tag byte', (f) => flip(f, BLOB_HEADER_BYTES + RECORD - 1)],
      ['a flipped byte in the last chunk', (f) => flip(f, f.length - TAG_BYTES - 3)],
      ['truncated by its whole last chunk', (f) => f.subarray(0, BLOB_HEADER_BYTES + 3 * RECORD)],
      ['truncated mid-chunk', (f) => f.subarray(0, BLOB_HEADER_BYTES + RECORD + 100)],
      ['truncated inside the header', (f) => f.subarray(0, 20)],
      ['truncated to nothing', () => Buffer.alloc(0)],
      ['two chunks swapped', (f) => swapRecords(f, 0, 1)],
      [
        'a chunk repeated',
        (f) => Buffer.concat([f.subarray(0, BLOB_HEADER_BYTES + RECORD), f.subarray(BLOB_HEADER_BYTES)]),
      ],
      ['bytes appended', (f) => Buffer.concat([f, Buffer.alloc(10)])],
      ['another blob copied over it', (_f, other) => other],
    ];
    for (const [name, tamper] of cases) {
      test(name, async () => {
        const { store } = await smallStore();
        const { sha256 } = await store.put(content);
        const other = await store.put(pattern(3 * 1024 + 500, 'other'));
        const path = store.pathOf(sha256);
        writeFileSync(path, tamper(readFileSync(path), readFileSync(store.pathOf(other.sha256))));
        await assert.rejects(store.get(sha256), isCode('corrupt-blob'));
        await assert.rejects(store.verify(sha256), isCode('corrupt-blob'));
        let ended = false;
        const stream = store.createReadStream(sha256);
        stream.on('end', () => {
          ended = true;
        });
        await assert.rejects(async () => {
          for await (const _ of stream) {
            // drain
          }
        }, isCode('corrupt-blob'));
        assert.equal(ended, false, 'the stream must not end cleanly');
      });
    }

    test('a blob written with another install key', async () => {
      const { store } = await smallStore();
      const { sha256 } = await store.put(content);
      const foreign = await smallStore();
      const stranger = new BlobStore(store.root, loadBlobKey(join(foreign.dir, 'blob.key')), SMALL);
      await assert.rejects(stranger.get(sha256), (err: unknown) => {
        isCode('corrupt-blob')(err);
        assert.match((err as Error).message, /another install's key/);
        return true;
      });
    });
  });

  test('list, remove and temp sweep', async () => {
    const { store, thumbnails } = await smallStore();
    const a = await store.put(pattern(10, 'list-a'));
    const b = await store.put(pattern(20, 'list-b'));
    const t = await thumbnails.put(pattern(30, 'thumb'));
    const listed: string[] = [];
    for await (const blob of store.list()) listed.push(blob.sha256);
    assert.deepEqual(listed.sort(), [a.sha256, b.sha256].sort());
    assert.equal(await store.has(t.sha256), false, 'thumbnails live in their own root');
    assert.ok((await thumbnails.get(t.sha256)).equals(pattern(30, 'thumb')));
    assert.equal(await store.remove(a.sha256), true);
    assert.equal(await store.remove(a.sha256), false);
    assert.equal(await store.has(a.sha256), false);
    assert.equal(await store.removeIfOlderThan(b.sha256, Date.now() - 60_000), false, 'a fresh write is kept');
    await store.verify(b.sha256);
    assert.equal(await store.removeIfOlderThan(b.sha256, Date.now() + 60_000), true);
    assert.equal(await store.has(b.sha256), false);
    assert.equal(await store.removeIfOlderThan(b.sha256, Date.now() + 60_000), false);
    writeFileSync(join(store.root, '.tmp', 'left-by-crash.part'), 'x');
    assert.equal(await store.sweepTemp(60_000), 0);
    assert.equal(await store.sweepTemp(60_000, Date.now() + 120_000), 1);
    assert.deepEqual(readdirSync(join(store.root, '.tmp')), []);
  });

  test('streams a large item in bounded memory (1 MiB chunks)', async () => {
    const stores = await openBlobStores(scratch());
    const total = 192 * 1024 * 1024;
    const piece = pattern(256 * 1024, 'large');
    const hash = createHash('sha256');
    async function* generate() {
      for (let sent = 0; sent < total; sent += piece.length) {
        hash.update(piece);
        yield piece;
      }
    }
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    try {
      const put = await stores.media.put(generate());
      assert.equal(put.size, total);
      assert.equal(put.sha256, hash.digest('hex'));
      const back = createHash('sha256');
      let size = 0;
      for await (const part of stores.media.createReadStream(put.sha256)) {
        back.update(part as Buffer);
        size += (part as Buffer).length;
      }
      assert.equal(size, total);
      assert.equal(back.digest('hex'), put.sha256);
    } finally {
      clearInterval(timer);
    }
    const grew = (peak - rssBefore) / (1024 * 1024);
    assert.ok(grew < 96, `resident memory grew by ${grew.toFixed(0)} MiB while streaming 192 MiB`);
  });
});

function flip(file: Buffer, at: number): Buffer {
  const copy = Buffer.from(file);
  copy[at] ^= 0x01;
  return copy;
}

function swapRecords(file: Buffer, i: number, j: number): Buffer {
  const copy = Buffer.from(file);
  const at = (k: number) => BLOB_HEADER_BYTES + k * RECORD;
  file.subarray(at(i), at(i) + RECORD).copy(copy, at(j));
  file.subarray(at(j), at(j) + RECORD).copy(copy, at(i));
  return copy;
}
