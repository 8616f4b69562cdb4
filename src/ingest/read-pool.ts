/**
 * The scan's read-and-digest step on worker threads (read-worker.mjs): each file is read there and
 * its MD5, SHA-1 and SHA-256 computed, so the main thread matches and stores other files meanwhile
 * and a re-scan (digests, then "known", no decode) uses every core. The bytes stay on the thread:
 * a file that turns out to be new is read again for decoding, and `sameBytes` proves the second
 * read is the file that was hashed.
 */
import { createHash } from 'node:crypto';
import { lstat, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { AppError } from '../domain/app-error.js';
import type { FileDigests } from '../signals/crypto/file-digests.js';
import { type ListedIdentity, replacedError } from './listed-file.js';
import { WorkerPool } from './worker-pool.js';

/** The file that was hashed, as seen when its read began: device, inode, time of change and bytes read. */
export interface FileStamp {
  dev: number;
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
  /** Reads `path`; when `listed`, only if it is still the file the listing saw (listed-file.ts). */
  read(path: string, listed?: ListedIdentity): Promise<ReadResult>;
  /** Digests of bytes already in memory (an archive member). */
  digest(data: Uint8Array): Promise<ReadResult>;
  close(): Promise<void>;
}

interface ReadTask {
  path?: string;
  listed?: ListedIdentity;
  data?: Uint8Array;
}

interface WorkerAnswer {
  size?: number;
  md5?: string;
  sha1?: string;
  sha256?: string;
  notFile?: boolean;
  /** The name no longer holds the listed file. */
  replaced?: boolean;
  errno?: string;
  dev?: number;
  ino?: number;
  mtimeMs?: number;
}

/** One thread per core: the threads only read and hash, so they share the cores with the rest. */
export function defaultReadThreads(cores = availableParallelism()): number {
  return Math.max(1, cores);
}

export function createReadPool(threads = defaultReadThreads()): FileReader {
  // Started at the first file, so a scan with nothing to do starts no thread.
  let pool: WorkerPool<ReadTask, WorkerAnswer> | undefined;
  const run = async (task: ReadTask, transfer?: ArrayBuffer) => {
    pool ??= new WorkerPool(new URL('./read-worker.mjs', import.meta.url), threads, undefined, []);
    const a = await pool.run(task, transfer ? [transfer] : undefined);
    if (a.replaced && task.path !== undefined) throw await replacedError(task.path, task.listed);
    return answer(a);
  };
  return {
    read: (path, listed) => run(listed ? { path, listed } : { path }),
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
    ...(a.ino !== undefined && { stamp: { dev: a.dev as number, ino: a.ino, mtimeMs: a.mtimeMs as number, size } }),
  };
}

const CHANGED = 'The file changed while it was being read';

/**
 * A file given by its path to a tool after it was hashed (ExifTool; sharp and ffmpeg for a file too
 * large to hold in memory) must still be the file that was hashed (same device, inode, size and
 * time of change), or the signals would describe other bytes than the digests. A listed name is
 * looked at without following it: one that became a symbolic link is refused as such.
 */
export async function sameFile(path: string, stamp: FileStamp, listed?: ListedIdentity): Promise<void> {
  const now = listed && !listed.viaLink ? await lstat(path) : await stat(path);
  if (now.isSymbolicLink() || (listed && (now.dev !== listed.dev || now.ino !== listed.ino)))
    throw await replacedError(path, listed);
  if (now.dev !== stamp.dev || now.ino !== stamp.ino || now.size !== stamp.size || now.mtimeMs !== stamp.mtimeMs) {
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
