/**
 * MD5, SHA-1 and SHA-256 of a file in one read. Files up to 8 MiB are read with one synchronous
 * call (hashing blocks the thread anyway, and each async call costs a thread-pool round trip —
 * measured at about 1 ms per photo-sized file); larger ones through two alternating 1 MiB
 * buffers, so the next chunk is read (on libuv's thread pool) while the current one is hashed.
 * Memory is constant beyond 8 MiB, whatever the file size. A file is hashed as long as it was when
 * opened (seized media does not change; a file that shrinks meanwhile is hashed up to its end).
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, read, readSync } from 'node:fs';
import { promisify } from 'node:util';
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

const readAsync = promisify(read);

/** Reads up to `length` bytes into `buffer` on the thread pool (several calls only on short reads). */
async function readUpTo(fd: number, buffer: Buffer, length: number): Promise<number> {
  let got = 0;
  while (got < length) {
    const { bytesRead } = await readAsync(fd, buffer, got, length - got, null);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}

/** Hashes `size` bytes in alternating chunks, reading the next while hashing the current. */
async function streamInto(fd: number, size: number, hashes: Hash[]): Promise<number> {
  const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
  let done = 0;
  let which = 0;
  let pending = readUpTo(fd, buffers[which], Math.min(CHUNK, size));
  while (done < size) {
    const got = await pending;
    if (got === 0) break;
    const current = buffers[which];
    done += got;
    which ^= 1;
    if (done < size) pending = readUpTo(fd, buffers[which], Math.min(CHUNK, size - done));
    const view = current.subarray(0, got);
    for (const h of hashes) h.update(view);
  }
  return done;
}

/**
 * One buffer for all small files, reused: a fresh multi-MB buffer costs a page fault per 4 KiB on
 * first touch. Safe to share because digestSmallFile never yields to the event loop.
 */
let scratch = Buffer.allocUnsafeSlow(0);

/** Whole small file with synchronous calls: a few syscalls, no thread-pool round trips. */
function digestSmallFile(fd: number, size: number, hashes: Hash[]): number {
  if (scratch.length < size) scratch = Buffer.allocUnsafeSlow(Math.max(size, 2 * scratch.length, 1 << 20));
  const buffer = scratch;
  let got = 0;
  while (got < size) {
    const n = readSync(fd, buffer, got, size - got, null);
    if (n === 0) break;
    got += n;
  }
  for (const h of hashes) h.update(buffer.subarray(0, got));
  return got;
}

export async function digestFile(
  path: string,
  algorithms: readonly DigestAlgorithm[] = DIGEST_ALGORITHMS,
): Promise<FileDigests> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? cause;
    throw new AppError('unreadable-file', `Cannot open file: ${code}.`, { cause });
  }
  try {
    return await digestDescriptor(fd, algorithms);
  } finally {
    closeSync(fd);
  }
}

/** Digests of a file already open (the caller checked which file it is, and closes it). */
export async function digestDescriptor(
  fd: number,
  algorithms: readonly DigestAlgorithm[] = DIGEST_ALGORITHMS,
): Promise<FileDigests> {
  const hashes = algorithms.map((a) => createHash(a));
  let size: number;
  try {
    const expected = fstatSync(fd).size;
    if (expected <= SINGLE_CALL) {
      size = digestSmallFile(fd, expected, hashes);
    } else {
      size = await streamInto(fd, expected, hashes);
    }
  } catch (cause) {
    throw new AppError('unreadable-file', `Read failed: ${(cause as NodeJS.ErrnoException).code ?? cause}.`, { cause });
  }
  const out = { size } as FileDigests;
  algorithms.forEach((a, i) => {
    out[a] = hashes[i].digest('hex');
  });
  return out;
}
