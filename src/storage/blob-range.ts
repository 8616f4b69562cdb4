/**
 * Part of a blob's plaintext (bytes `start` to `end`, inclusive), for a player that seeks: only
 * the chunks holding the range are read and decrypted, each authenticated on its own before any
 * of its bytes are handed on (blob-cipher.ts). Which chunk is the last follows from the file's
 * size, so a file cut at a chunk boundary fails (its new last chunk was not sealed as last), and a
 * range reaching the end also checks the address sealed into the last chunk. The whole-blob
 * SHA-256 is checked only by a full read.
 */
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { AppError } from '../domain/app-error.js';
import { BLOB_HEADER_BYTES, openBlobChunk, readBlobHeader, TAG_BYTES } from './blob-cipher.js';
import type { BlobKey } from './blob-key.js';

export interface BlobRange {
  /** First and last byte wanted, inclusive, within the plaintext. */
  start: number;
  end: number;
}

/** The plaintext size of a blob file of `fileBytes` with chunks of `chunkBytes`. */
export function plainSize(fileBytes: number, chunkBytes: number): number {
  const body = fileBytes - BLOB_HEADER_BYTES;
  const records = Math.max(1, Math.ceil(body / (chunkBytes + TAG_BYTES)));
  return body - records * TAG_BYTES;
}

async function openBlobFile(path: string, address: string) {
  try {
    return await open(path, 'r');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT')
      throw new AppError('not-found', `There is no blob ${address}.`);
    throw new AppError('unreadable-file', `Blob ${address} could not be read.`, { cause });
  }
}

/**
 * Checks `range` against the blob at `path` (its header and size) and returns a stream of the
 * verified bytes; the file is opened again only when the stream is read, and closed at its end.
 */
export async function readBlobRange(path: string, key: BlobKey, address: string, range: BlobRange): Promise<Readable> {
  const probe = await openBlobFile(path, address);
  let size: number;
  let chunkBytes: number;
  try {
    const header = Buffer.alloc(BLOB_HEADER_BYTES);
    const { bytesRead } = await probe.read(header, 0, BLOB_HEADER_BYTES, 0);
    const reading = readBlobHeader(header.subarray(0, bytesRead), key, address);
    reading.key.fill(0);
    chunkBytes = reading.chunkBytes;
    size = plainSize((await probe.stat()).size, chunkBytes);
  } finally {
    await probe.close();
  }
  if (!(Number.isInteger(range.start) && range.start >= 0 && range.end >= range.start && range.end < size)) {
    throw new AppError(
      'bad-usage',
      `Bytes ${range.start}-${range.end} are not within blob ${address} (${size} bytes).`,
    );
  }
  const lastIndex = Math.max(0, Math.ceil(size / chunkBytes) - 1);
  const first = Math.floor(range.start / chunkBytes);
  const last = Math.floor(range.end / chunkBytes);
  async function* chunks() {
    const file = await openBlobFile(path, address);
    const header = Buffer.alloc(BLOB_HEADER_BYTES);
    await file.read(header, 0, BLOB_HEADER_BYTES, 0);
    const reading = readBlobHeader(header, key, address);
    try {
      for (let i = first; i <= last; i++) {
        const record = Buffer.alloc(reading.recordBytes);
        const got = await file.read(record, 0, reading.recordBytes, BLOB_HEADER_BYTES + i * reading.recordBytes);
        const plain = openBlobChunk(reading, address, i, i === lastIndex, record.subarray(0, got.bytesRead));
        const from = i === first ? range.start - i * chunkBytes : 0;
        const to = i === last ? range.end - i * chunkBytes + 1 : plain.length;
        yield plain.subarray(from, to);
      }
    } finally {
      reading.key.fill(0);
      await file.close();
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
