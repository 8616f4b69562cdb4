/**
 * MD5, SHA-1 and SHA-256 of a file in one read: two buffers alternate so the next chunk is read
 * (on libuv's thread pool) while the current one is hashed. Memory is constant: 2 × CHUNK bytes,
 * whatever the file size.
 */
import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { AppError } from '../../domain/app-error.js';

export const DIGEST_ALGORITHMS = ['md5', 'sha1', 'sha256'] as const;
export type DigestAlgorithm = (typeof DIGEST_ALGORITHMS)[number];
export type FileDigests = Record<DigestAlgorithm, string> & { size: number };

const CHUNK = 1 << 20;

/** Digests of bytes already in memory (an uploaded buffer, a file read for decoding). */
export function digestBuffer(data: Uint8Array): FileDigests {
  const out = { size: data.length } as FileDigests;
  for (const a of DIGEST_ALGORITHMS) out[a] = createHash(a).update(data).digest('hex');
  return out;
}

export async function digestFile(
  path: string,
  algorithms: readonly DigestAlgorithm[] = DIGEST_ALGORITHMS,
): Promise<FileDigests> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(path, 'r');
  } catch (cause) {
    throw new AppError('unreadable-file', `Cannot open file: ${(cause as NodeJS.ErrnoException).code ?? cause}.`, {
      cause,
    });
  }
  const hashes: Array<[DigestAlgorithm, Hash]> = algorithms.map((a) => [a, createHash(a)]);
  const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
  let size = 0;
  try {
    let which = 0;
    let pending = fh.read(buffers[which], 0, CHUNK, null);
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      const current = buffers[which];
      which ^= 1;
      pending = fh.read(buffers[which], 0, CHUNK, null);
      const view = current.subarray(0, bytesRead);
      for (const [, h] of hashes) h.update(view);
      size += bytesRead;
    }
  } catch (cause) {
    throw new AppError('unreadable-file', `Read failed: ${(cause as NodeJS.ErrnoException).code ?? cause}.`, { cause });
  } finally {
    await fh.close();
  }
  const out = { size } as FileDigests;
  for (const [a, h] of hashes) out[a] = h.digest('hex');
  return out;
}
