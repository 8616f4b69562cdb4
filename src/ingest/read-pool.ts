/**
 * The scan's read-and-digest step on worker threads (read-worker.mjs): each file is read there and
 * its MD5, SHA-1 and SHA-256 computed, so the main thread matches and stores other files meanwhile
 * and a re-scan (digests, then "known", no decode) uses every core. The bytes stay on the thread:
 * a file that turns out to be new is read again for decoding, and `sameBytes` proves the second
 * read is the file that was hashed.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { AppError } from '../domain/app-error.js';
import type { FileDigests } from '../signals/crypto/file-digests.js';
import { WorkerPool } from './worker-pool.js';

/** The file that was hashed, as seen when its read began: inode, time of change and bytes read. */
export interface FileStamp {
  ino: number;
  mtimeMs: number;
  size: number;
}

export interface ReadResult {
  size: number;
  digests: Omit<FileDigests, 'size'>;
  /** Set when a file was read by path. */
  stamp?: FileStamp;
}

export interface FileReader {
  read(path: string): Promise<ReadResult>;
  /** Digests of bytes already in memory (an archive member). */
  digest(data: Uint8Array): Promise<ReadResult>;
  close(): Promise<void>;
}

interface WorkerAnswer {
  size?: number;
  md5?: string;
  sha1?: string;
  sha256?: string;
  notFile?: boolean;
  errno?: string;
  ino?: number;
  mtimeMs?: number;
}

/** One thread per core: the threads only read and hash, so they share the cores with the rest. */
export function defaultReadThreads(cores = availableParallelism()): number {
  return Math.max(1, cores);
}

export function createReadPool(threads = defaultReadThreads()): FileReader {
  // Started at the first file, so a scan with nothing to do starts no thread.
  let pool: WorkerPool<{ path?: string; data?: Uint8Array }, WorkerAnswer> | undefined;
  const run = async (task: { path?: string; data?: Uint8Array }, transfer?: ArrayBuffer) => {
    pool ??= new WorkerPool(new URL('./read-worker.mjs', import.meta.url), threads, undefined, []);
    return answer(await pool.run(task, transfer ? [transfer] : undefined));
  };
  return {
    read: (path) => run({ path }),
    digest(data) {
      // A copy moves to the thread (a view would take its whole underlying buffer along).
      const copy = new Uint8Array(data.byteLength);
      copy.set(data);
      return run({ data: copy }, copy.buffer);
    },
    close: async () => pool?.close(),
  };
}

function answer(a: WorkerAnswer): ReadResult {
  if (a.errno) throw Object.assign(new Error(`Cannot read file (${a.errno}).`), { code: a.errno });
  if (a.notFile) throw new AppError('unreadable-file', 'Not a regular file.');
  const size = a.size as number;
  return {
    size,
    digests: { md5: a.md5 as string, sha1: a.sha1 as string, sha256: a.sha256 as string },
    ...(a.ino !== undefined && { stamp: { ino: a.ino, mtimeMs: a.mtimeMs as number, size } }),
  };
}

const CHANGED = 'The file changed while it was being read';

/**
 * A file too large to hold in memory is decoded from disk after it was hashed: it must still be
 * the file that was hashed (same inode, size and time of change), or the signals would describe
 * other bytes than the digests.
 */
export async function sameFile(path: string, stamp: FileStamp): Promise<void> {
  const now = await stat(path);
  if (now.ino !== stamp.ino || now.size !== stamp.size || now.mtimeMs !== stamp.mtimeMs) {
    throw new AppError(
      'unreadable-file',
      `${CHANGED} (replaced or written to after it was hashed); scan it again once it is stable.`,
    );
  }
}

/** Bytes read again for decoding are the file that was hashed: a file changed meanwhile is refused. */
export function sameBytes(data: Uint8Array, sha256: string): void {
  if (createHash('sha256').update(data).digest('hex') !== sha256) {
    throw new AppError(
      'unreadable-file',
      `${CHANGED} (its SHA-256 differs between two reads); scan it again once it is stable.`,
    );
  }
}
