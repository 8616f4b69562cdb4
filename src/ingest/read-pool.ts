/**
 * The scan's read-and-digest step on worker threads (read-worker.mjs): each file is read once and
 * its MD5, SHA-1 and SHA-256 computed there, so the main thread matches and stores other files
 * meanwhile and a re-scan (digests, then "known", no decode) uses every core. Files up to
 * `keepLimit` come back with their bytes (moved, not copied) for decoding.
 */
import { availableParallelism } from 'node:os';
import { AppError } from '../domain/app-error.js';
import type { FileDigests } from '../signals/crypto/file-digests.js';
import { WorkerPool } from './worker-pool.js';

export interface ReadResult {
  size: number;
  digests: Omit<FileDigests, 'size'>;
  /** The file's bytes, when it is no larger than the pool's keepLimit. */
  data?: Buffer;
}

export interface FileReader {
  read(path: string): Promise<ReadResult>;
  /** Digests of bytes already in memory (an archive member); the answer's `data` holds them. */
  digest(data: Uint8Array): Promise<ReadResult>;
  close(): Promise<void>;
}

interface WorkerAnswer {
  size?: number;
  md5?: string;
  sha1?: string;
  sha256?: string;
  data?: Uint8Array;
  notFile?: boolean;
  errno?: string;
}

/** One thread per core: the threads only read and hash, so they share the cores with the rest. */
export function defaultReadThreads(cores = availableParallelism()): number {
  return Math.max(1, cores);
}

export function createReadPool(keepLimit: number, threads = defaultReadThreads()): FileReader {
  // Started at the first file, so a scan with nothing to do starts no thread.
  let pool: WorkerPool<{ path?: string; data?: Uint8Array }, WorkerAnswer> | undefined;
  const run = async (task: { path?: string; data?: Uint8Array }, transfer?: ArrayBuffer) => {
    pool ??= new WorkerPool(new URL('./read-worker.mjs', import.meta.url), threads, { keepLimit }, []);
    return answer(await pool.run(task, transfer ? [transfer] : undefined));
  };
  return {
    read: (path) => run({ path }),
    digest(data) {
      // The bytes move to the thread and back; a view into a larger or shared buffer is copied first.
      const own = new Uint8Array(data.byteLength);
      own.set(data);
      return run({ data: own }, own.buffer);
    },
    close: async () => pool?.close(),
  };
}

function answer(a: WorkerAnswer): ReadResult {
  if (a.errno) throw Object.assign(new Error(`Cannot read file (${a.errno}).`), { code: a.errno });
  if (a.notFile) throw new AppError('unreadable-file', 'Not a regular file.');
  const digests = { md5: a.md5 as string, sha1: a.sha1 as string, sha256: a.sha256 as string };
  const data = a.data ? Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength) : undefined;
  return { size: a.size as number, digests, data };
}
