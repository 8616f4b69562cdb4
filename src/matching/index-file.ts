/**
 * Index snapshot files: written atomically (temp file, fsync, rename), loaded whole with one read
 * (typed arrays are views of it), and refused when damaged; the caller then rebuilds from source.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../domain/app-error.js';
import type { SignalIndex } from './signal-index.js';

export function writeIndexFile(path: string, index: SignalIndex): void {
  const bytes = index.serialize();
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, Math.min(bytes.length - at, 1 << 26));
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
  syncDir(dirname(path));
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems cannot fsync a directory; the rename itself is still atomic.
  }
}

export type LoadResult<T> = { index: T } | { index?: undefined; reason: string };

/** Reads a snapshot file; a missing or damaged file gives the reason instead of an index. */
export function readIndexFile<T extends SignalIndex>(
  path: string,
  deserialize: (bytes: Uint8Array) => T,
): LoadResult<T> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { reason: code === 'ENOENT' ? 'no snapshot file yet' : `snapshot file unreadable (${code})` };
  }
  try {
    return { index: deserialize(bytes) };
  } catch (e) {
    if (e instanceof AppError && e.code === 'corrupt-snapshot') return { reason: e.message };
    throw e;
  }
}
