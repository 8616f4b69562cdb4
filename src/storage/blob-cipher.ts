/**
 * The encrypted blob format (version 1): streaming AES-256-GCM in chunks, so media of any size
 * pass through in constant memory and every chunk is authenticated before it is handed on.
 *
 *   header (32 bytes): "VGLB" | version 1 | log2(chunk size) | 0 0 | key id (8) | blob nonce (12) | 0 0 0 0
 *   then chunks:       ciphertext (chunk size bytes; the last one 0..chunk size) | GCM tag (16)
 *
 * Each blob has its own key, HKDF-SHA256(install key, salt = the random 96-bit blob nonce), so
 * nonces never repeat across blobs. Chunk i is sealed with nonce = blob nonce XOR (i, last flag)
 * and additional data = header | i | last flag, and the LAST chunk's additional data also holds
 * the SHA-256 of the whole plaintext (its address). So an edited byte, a reordered, dropped or
 * repeated chunk, a truncated file (its new last chunk was not sealed as last), another install's
 * key and a blob moved to another address all fail authentication; the reader also re-hashes the
 * plaintext and compares it with the address.
 */
import { createCipheriv, createDecipheriv, createHash, type Hash, hkdfSync, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '../domain/app-error.js';
import type { BlobKey } from './blob-key.js';

export const BLOB_MAGIC = Buffer.from('VGLB', 'latin1');
export const BLOB_VERSION = 1;
export const BLOB_HEADER_BYTES = 32;
export const TAG_BYTES = 16;
/** 1 MiB chunks by default; tests use smaller ones to cross chunk boundaries cheaply. */
export const DEFAULT_CHUNK_LOG2 = 20;
const MIN_CHUNK_LOG2 = 10;
const MAX_CHUNK_LOG2 = 24;

function corrupt(address: string, why: string, cause?: unknown): AppError {
  return new AppError('corrupt-blob', `Blob ${address} ${why}; it is not returned.`, { cause });
}

function blobKey(key: BlobKey, nonce: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', key.key, nonce, 'vigil blob v1', 32));
}

function chunkNonce(blobNonce: Buffer, index: number, last: boolean): Buffer {
  const nonce = Buffer.from(blobNonce);
  nonce[7] ^= (index >>> 24) & 0xff;
  nonce[8] ^= (index >>> 16) & 0xff;
  nonce[9] ^= (index >>> 8) & 0xff;
  nonce[10] ^= index & 0xff;
  nonce[11] ^= last ? 1 : 0;
  return nonce;
}

function chunkAad(header: Buffer, index: number, last: boolean, sha256: Buffer | null): Buffer {
  const position = Buffer.alloc(5);
  position.writeUInt32BE(index, 0);
  position[4] = last ? 1 : 0;
  return Buffer.concat(sha256 ? [header, position, sha256] : [header, position]);
}

function makeHeader(key: BlobKey, chunkLog2: number, nonce: Buffer): Buffer {
  const header = Buffer.alloc(BLOB_HEADER_BYTES);
  BLOB_MAGIC.copy(header, 0);
  header[4] = BLOB_VERSION;
  header[5] = chunkLog2;
  key.id.copy(header, 8);
  nonce.copy(header, 16);
  return header;
}

/** Collects buffers and hands out exact-size pieces without copying more than needed. */
class ByteQueue {
  private parts: Buffer[] = [];
  length = 0;
  push(b: Buffer): void {
    if (b.length === 0) return;
    this.parts.push(b);
    this.length += b.length;
  }
  take(n: number): Buffer {
    const all = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.length);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.parts = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    return out;
  }
}

/** Plaintext in, blob file bytes out; `sha256` and `size` are set once it has flushed. */
export class BlobEncryptor extends Transform {
  sha256 = '';
  size = 0;
  private readonly hash: Hash = createHash('sha256');
  private readonly queue = new ByteQueue();
  private readonly chunkBytes: number;
  private readonly nonce = randomBytes(12);
  private readonly header: Buffer;
  private readonly key: Buffer;
  private index = 0;

  constructor(key: BlobKey, chunkLog2 = DEFAULT_CHUNK_LOG2) {
    super();
    if (!Number.isInteger(chunkLog2) || chunkLog2 < MIN_CHUNK_LOG2 || chunkLog2 > MAX_CHUNK_LOG2) {
      throw new AppError('bad-usage', `Blob chunk size 2^${chunkLog2} is outside 2^10..2^24.`);
    }
    this.chunkBytes = 2 ** chunkLog2;
    this.header = makeHeader(key, chunkLog2, this.nonce);
    this.key = blobKey(key, this.nonce);
    this.push(this.header);
  }

  private seal(plain: Buffer, last: boolean, sha256: Buffer | null): void {
    const cipher = createCipheriv('aes-256-gcm', this.key, chunkNonce(this.nonce, this.index, last));
    cipher.setAAD(chunkAad(this.header, this.index, last, sha256));
    this.push(Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]));
    this.index++;
  }

  override _transform(data: Buffer | string, _enc: BufferEncoding, done: TransformCallback): void {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    this.hash.update(bytes);
    this.size += bytes.length;
    this.queue.push(bytes);
    // A full chunk is sealed as "not last" only once a byte after it exists.
    while (this.queue.length > this.chunkBytes) this.seal(this.queue.take(this.chunkBytes), false, null);
    done();
  }

  override _flush(done: TransformCallback): void {
    const digest = this.hash.digest();
    this.sha256 = digest.toString('hex');
    this.seal(this.queue.take(this.queue.length), true, digest);
    this.key.fill(0);
    done();
  }
}

/** What a blob's header gives a reader: the header itself, its nonce, the blob's key, its record size. */
export interface BlobReading {
  header: Buffer;
  nonce: Buffer;
  key: Buffer;
  chunkBytes: number;
  /** Bytes of one full chunk on disk: ciphertext and tag. */
  recordBytes: number;
}

/** Checks a blob's 32-byte header against the install key and derives the blob's key. */
export function readBlobHeader(header: Buffer, installKey: BlobKey, address: string): BlobReading {
  if (header.length < BLOB_HEADER_BYTES) throw corrupt(address, 'is truncated (no complete header)');
  if (!header.subarray(0, 4).equals(BLOB_MAGIC)) throw corrupt(address, 'is not a Vigil blob (bad magic)');
  if (header[4] !== BLOB_VERSION) throw corrupt(address, `has unknown format version ${header[4]}`);
  const log2 = header[5];
  if (log2 < MIN_CHUNK_LOG2 || log2 > MAX_CHUNK_LOG2) throw corrupt(address, 'has a bad chunk size');
  if (!header.subarray(8, 16).equals(installKey.id)) {
    throw corrupt(address, "was written with another install's key (key id differs)");
  }
  const nonce = Buffer.from(header.subarray(16, 28));
  const chunkBytes = 2 ** log2;
  return {
    header: Buffer.from(header.subarray(0, BLOB_HEADER_BYTES)),
    nonce,
    key: blobKey(installKey, nonce),
    chunkBytes,
    recordBytes: chunkBytes + TAG_BYTES,
  };
}

/**
 * The plaintext of chunk `index` from its record (ciphertext and tag), or a `corrupt-blob` error
 * when it fails authentication: edited, moved to another index, not the last one when said to be
 * (or the reverse), or — for the last — not of this address.
 */
export function openBlobChunk(r: BlobReading, address: string, index: number, last: boolean, record: Buffer): Buffer {
  if (record.length < TAG_BYTES) throw corrupt(address, 'is truncated (a chunk is shorter than its tag)');
  const body = record.subarray(0, record.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', r.key, chunkNonce(r.nonce, index, last));
  decipher.setAAD(chunkAad(r.header, index, last, last ? Buffer.from(address, 'hex') : null));
  decipher.setAuthTag(record.subarray(record.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch (err) {
    const what = last
      ? 'fails authentication at its end (edited, truncated or not this address)'
      : 'fails authentication';
    throw corrupt(address, `${what} (chunk ${index})`, err);
  }
}

/**
 * Blob file bytes in, verified plaintext out. Each chunk is passed on only after its tag checks;
 * the whole-blob checks (last chunk, SHA-256 = address) land before 'end', as an error: a
 * consumer must not act on the content before the stream has ended cleanly.
 */
export class BlobDecryptor extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private readonly queue = new ByteQueue();
  private reading: BlobReading | null = null;
  private index = 0;

  constructor(
    private readonly installKey: BlobKey,
    private readonly address: string,
  ) {
    super();
  }

  private open(record: Buffer, last: boolean): void {
    if (!this.reading) throw corrupt(this.address, 'is truncated (no complete header)');
    const plain = openBlobChunk(this.reading, this.address, this.index, last, record);
    this.hash.update(plain);
    this.index++;
    this.push(plain);
  }

  override _transform(data: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.queue.push(data);
      if (!this.reading && this.queue.length >= BLOB_HEADER_BYTES) {
        this.reading = readBlobHeader(this.queue.take(BLOB_HEADER_BYTES), this.installKey, this.address);
      }
      const reading = this.reading;
      while (reading && this.queue.length > reading.recordBytes) this.open(this.queue.take(reading.recordBytes), false);
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (!this.reading) throw corrupt(this.address, 'is truncated (no complete header)');
      this.open(this.queue.take(this.queue.length), true);
      if (this.hash.digest('hex') !== this.address) throw corrupt(this.address, 'does not hash to its address');
      this.reading.key.fill(0);
      done();
    } catch (err) {
      done(err as Error);
    }
  }
}
