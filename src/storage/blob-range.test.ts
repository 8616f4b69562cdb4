import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { after, describe, test } from 'node:test';
import { AppError } from '../domain/app-error.js';
import { BLOB_HEADER_BYTES, TAG_BYTES } from './blob-cipher.js';
import { plainSize } from './blob-range.js';
import { openBlobStores } from './blob-store.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-blob-range-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const CHUNK = 1024;
const stores = await openBlobStores(dir, { chunkLog2: 10 });
const store = stores.media;

async function bytesOf(sha256: string, start: number, end: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of await store.createRangeStream(sha256, { start, end })) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

const corrupt = (err: unknown) => AppError.is(err, 'corrupt-blob');

describe('blob ranges', () => {
  test('any range, within a chunk or across several, is exactly those bytes of the plaintext', async () => {
    for (const size of [5000, 4 * CHUNK, 1]) {
      const content = randomBytes(size);
      const { sha256 } = await store.put(content);
      const ranges = [
        [0, 0],
        [0, size - 1],
        [size - 1, size - 1],
        [CHUNK - 1, CHUNK],
        [1000, 3000],
        [3 * CHUNK, size - 1],
      ].filter(([a, b]) => a >= 0 && b < size && a <= b);
      for (const [start, end] of ranges) {
        assert.deepEqual(
          await bytesOf(sha256, start, end),
          content.subarray(start, end + 1),
          `${size}: ${start}-${end}`,
        );
      }
    }
  });

  test('a range outside the content is refused before anything is read', async () => {
    const { sha256 } = await store.put(randomBytes(2000));
    for (const [start, end] of [
      [0, 2000],
      [1500, 1400],
      [-1, 10],
    ]) {
      await assert.rejects(store.createRangeStream(sha256, { start, end }), (e) => AppError.is(e, 'bad-usage'));
    }
    const empty = await store.put(Buffer.alloc(0));
    await assert.rejects(store.createRangeStream(empty.sha256, { start: 0, end: 0 }), (e) =>
      AppError.is(e, 'bad-usage'),
    );
    await assert.rejects(store.createRangeStream('ab'.repeat(32), { start: 0, end: 0 }), (e) =>
      AppError.is(e, 'not-found'),
    );
  });

  test('an edited chunk fails when a range reads it, and only then; a file cut at a chunk boundary fails', async () => {
    const content = Buffer.from('0123456789'.repeat(500));
    const { sha256 } = await store.put(content);
    const path = store.pathOf(sha256);
    const original = readFileSync(path);
    const edited = Buffer.from(original);
    edited[BLOB_HEADER_BYTES + 2 * (CHUNK + TAG_BYTES) + 5] ^= 1;
    writeFileSync(path, edited);
    assert.equal((await bytesOf(sha256, 0, 100)).toString(), content.subarray(0, 101).toString(), 'chunk 0 is intact');
    await assert.rejects(bytesOf(sha256, 2000, 2100), corrupt);
    // Cut after chunk 3: chunk 3 was sealed as "not last", and now is the last.
    writeFileSync(path, original.subarray(0, BLOB_HEADER_BYTES + 4 * (CHUNK + TAG_BYTES)));
    assert.equal(plainSize(4 * (CHUNK + TAG_BYTES) + BLOB_HEADER_BYTES, CHUNK), 4 * CHUNK);
    await assert.rejects(bytesOf(sha256, 3 * CHUNK, 4 * CHUNK - 1), corrupt);
    writeFileSync(path, original);
    assert.equal(await text(await store.createRangeStream(sha256, { start: 4990, end: 4999 })), '0123456789');
  });
});
