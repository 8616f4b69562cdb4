/**
 * The scan's read-and-digest step on worker threads (read-worker.mjs): each file is read there and
 * its MD5, SHA-1 and SHA-256 computed, so the main thread matches and stores other files meanwhile
 * and a re-scan (digests, then "known", no decode) uses every core. The bytes stay on the thread:
 * a file that turns out to be new is read again for decoding, and `sameBytes` proves the second
 * read is the file that was hashed.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { AppError } from '../domain/app-error.js';
import type { FileDigests } from '../signals/crypto/file-digests.js';
import { WorkerPool } from './worker-pool.js';

export interface ReadResult {
  size: number;
  digests: Omit<FileDigests, 'size'>;
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
  return {
    size: a.size as number,
    digests: { md5: a.md5 as string, sha1: a.sha1 as string, sha256: a.sha256 as string },
  };
}

/** Bytes read again for decoding are the file that was hashed: a file changed meanwhile is refused. */
export function sameBytes(data: Uint8Array, sha256: string): void {
  if (createHash('sha256').update(data).digest('hex') !== sha256) {
    throw new AppError(
      'unreadable-file',
      'The file changed while it was being read (its SHA-256 differs between two reads); scan it again once it is stable.',
    );
  }
}
