/**
 * MD5, SHA-1 and SHA-256 of a file in one read. Files up to 8 MiB are read with one call (for them
 * the per-call cost of async I/O outweighs any overlap); larger ones through two alternating 1 MiB
 * buffers, so the next chunk is read (on libuv's thread pool) while the current one is hashed.
 * Memory is constant beyond 8 MiB, whatever the file size. A file is hashed as long as it was when
 * opened (seized media does not change; a file that shrinks meanwhile is hashed up to its end).
 */
import { createHash, type Hash } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import { AppError } from '../../domain/app-error.js';

export const DIGEST_ALGORITHMS = ['md5', 'sha1', 'sha256'] as const;
export type DigestAlgorithm = (typeof DIGEST_ALGORITHMS)[number];
export type FileDigests = Record<DigestAlgorithm, string> & { size: number };

const CHUNK = 1 << 20;
const SINGLE_CALL = 8 << 20;

/** Digests of bytes already in memory (an uploaded buffer, a file read for decoding). */
export function digestBuffer(data: Uint8Array): FileDigests {
  const out = { size: data.length } as FileDigests;
  for (const a of DIGEST_ALGORITHMS) out[a] = createHash(a).update(data).digest('hex');
  return out;
}

/** Reads up to `length` bytes into `buffer` (several calls only if the OS returns short reads). */
async function readUpTo(fh: FileHandle, buffer: Buffer, length: number): Promise<number> {
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buffer, got, length - got, null);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}

/** Hashes `size` bytes in alternating chunks, reading the next while hashing the current. */
async function streamInto(fh: FileHandle, size: number, hashes: Hash[]): Promise<number> {
  const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
  let done = 0;
  let which = 0;
  let pending = readUpTo(fh, buffers[which], Math.min(CHUNK, size));
  while (done < size) {
    const got = await pending;
    if (got === 0) break;
    const current = buffers[which];
    done += got;
    which ^= 1;
    if (done < size) pending = readUpTo(fh, buffers[which], Math.min(CHUNK, size - done));
    const view = current.subarray(0, got);
    for (const h of hashes) h.update(view);
  }
  return done;
}

export async function digestFile(
  path: string,
  algorithms: readonly DigestAlgorithm[] = DIGEST_ALGORITHMS,
): Promise<FileDigests> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? cause;
    throw new AppError('unreadable-file', `Cannot open file: ${code}.`, { cause });
  }
  const hashes = algorithms.map((a) => createHash(a));
  let size: number;
  try {
    const expected = (await fh.stat()).size;
    if (expected <= SINGLE_CALL) {
      const buffer = Buffer.allocUnsafe(expected);
      size = await readUpTo(fh, buffer, expected);
      for (const h of hashes) h.update(buffer.subarray(0, size));
    } else {
      size = await streamInto(fh, expected, hashes);
    }
  } catch (cause) {
    throw new AppError('unreadable-file', `Read failed: ${(cause as NodeJS.ErrnoException).code ?? cause}.`, { cause });
  } finally {
    await fh.close();
  }
  const out = { size } as FileDigests;
  algorithms.forEach((a, i) => {
    out[a] = hashes[i].digest('hex');
  });
  return out;
}
