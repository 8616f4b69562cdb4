import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { AppError } from '../domain/app-error.js';
import type { BlobKey } from './blob-key.js';
import { partialKey, RECORD_BYTES, SealedPartial } from './sealed-partial.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-partial-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const install: BlobKey = { key: randomBytes(32), id: randomBytes(8) };
let n = 0;

async function fresh(): Promise<SealedPartial> {
  const id = `session${++n}`;
  const partial = new SealedPartial(partialKey(install, id), id, join(dir, `${id}.part`));
  await partial.create();
  return partial;
}

async function append(partial: SealedPartial, received: number, data: Buffer, pieces = 3): Promise<number> {
  const append = await partial.appendAfter(received);
  const step = Math.ceil(data.length / pieces);
  for (let at = 0; at < data.length; at += step) await append.write(data.subarray(at, at + step));
  return append.close();
}

async function read(partial: SealedPartial): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of partial.plaintext()) parts.push(part);
  return Buffer.concat(parts);
}

const isCorrupt = (err: unknown) => AppError.is(err) && err.code === 'corrupt-blob';

describe('sealed partial upload file', () => {
  it('gives back what was appended, across records and appends, and holds none of it in the clear', async () => {
    const partial = await fresh();
    const data = randomBytes(RECORD_BYTES * 2 + 12_345);
    const first = await append(partial, 0, data.subarray(0, RECORD_BYTES + 7));
    assert.equal(first, RECORD_BYTES + 7);
    assert.equal(await append(partial, first, data.subarray(first), 5), data.length);
    assert.ok((await read(partial)).equals(data));
    const file = readFileSync(partial.path);
    assert.equal(file.indexOf(data.subarray(1000, 1032)), -1, 'no plaintext run in the file');
    assert.equal(statSync(partial.path).mode & 0o777, 0o600);
  });

  it('cuts off half a record a crash left behind, and goes on from the bytes recorded', async () => {
    const partial = await fresh();
    const data = randomBytes(50_000);
    const kept = await append(partial, 0, data.subarray(0, 20_000));
    appendFileSync(partial.path, randomBytes(777));
    assert.equal(await append(partial, kept, data.subarray(kept)), data.length);
    assert.ok((await read(partial)).equals(data));
  });

  it('also cuts off whole records after the bytes the table recorded (written, never counted)', async () => {
    const partial = await fresh();
    const data = randomBytes(30_000);
    await append(partial, 0, data.subarray(0, 10_000));
    await append(partial, 10_000, randomBytes(5_000));
    assert.equal(await append(partial, 10_000, data.subarray(10_000)), data.length);
    assert.ok((await read(partial)).equals(data));
  });

  it('after a failed write keeps the records written before it, and the next append goes on from them', async () => {
    const partial = await fresh();
    const data = randomBytes(RECORD_BYTES * 2 + 500);
    const appending = await partial.appendAfter(0);
    // The disk fills up half-way through the second record.
    const handle = (
      appending as unknown as { handle: { write: (...a: [Buffer, number, number, number]) => Promise<unknown> } }
    ).handle;
    const write = handle.write.bind(handle);
    let calls = 0;
    handle.write = async (buffer, offset, length, position) => {
      if (++calls < 2) return write(buffer, offset, length, position);
      await write(buffer, offset, Math.floor(length / 2), position);
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    };
    await appending.write(data.subarray(0, RECORD_BYTES));
    await assert.rejects(appending.write(data.subarray(RECORD_BYTES, 2 * RECORD_BYTES)), /no space/);
    assert.equal(appending.failed, true);
    assert.equal(await appending.keepSealed(), RECORD_BYTES, 'only the record written counts');
    assert.equal(await append(partial, RECORD_BYTES, data.subarray(RECORD_BYTES)), data.length);
    assert.ok((await read(partial)).equals(data), 'the torn record is gone, nothing missing or doubled');
  });

  it('refuses a file that holds less than recorded, a changed byte, and another session reading it', async () => {
    const partial = await fresh();
    await append(partial, 0, randomBytes(4_000));
    await assert.rejects(partial.appendAfter(9_000), isCorrupt);
    const bytes = readFileSync(partial.path);
    bytes[bytes.length - 10] ^= 1;
    writeFileSync(partial.path, bytes);
    await assert.rejects(read(partial), isCorrupt);
    bytes[bytes.length - 10] ^= 1;
    writeFileSync(partial.path, bytes);
    assert.equal((await read(partial)).length, 4_000);
    const other = new SealedPartial(partialKey(install, 'someone-else'), 'someone-else', partial.path);
    await assert.rejects(read(other), isCorrupt);
  });

  it('moves its records to a new file, torn tail cut off, which a handle on the old one cannot reach', async () => {
    const partial = await fresh();
    const first = randomBytes(5_000);
    await append(partial, 0, first);
    appendFileSync(partial.path, randomBytes(700));
    const old = await open(partial.path, 'r+');
    try {
      await partial.rehome(first.length);
      assert.notEqual(statSync(partial.path).ino, (await old.stat()).ino, 'a new file under the same name');
      assert.equal(statSync(partial.path).mode & 0o777, 0o600);
      assert.equal(existsSync(`${partial.path}.moving`), false);
      const more = randomBytes(3_000);
      assert.equal(await append(partial, first.length, more), 8_000);
      await old.write(randomBytes(4_000), 0, 4_000, 0);
      assert.ok((await read(partial)).equals(Buffer.concat([first, more])));
    } finally {
      await old.close();
    }
    await assert.rejects(partial.rehome(9_000), isCorrupt, 'fewer bytes than recorded');
  });
});
