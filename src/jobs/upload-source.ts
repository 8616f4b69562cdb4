/**
 * An uploaded file's bytes for the ingest pipeline, read back (verified) from the encrypted blob
 * store: in memory up to the scan's single-read limit (pictures, the common case: never on disk in
 * clear), otherwise decrypted into a private temp file (0600 in a 0700 folder under the data
 * directory) that `release` removes. A blob that is missing or not intact is not an error of the
 * job but of the file: it comes back as a `failure` the pipeline records as the file's status.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../domain/app-error.js';
import { SCAN_SINGLE_READ_LIMIT } from '../ingest/scan-file.js';
import type { BlobStore } from '../storage/blob-store.js';

export interface UploadedFile {
  data?: Buffer;
  path?: string;
  /** Why the stored content cannot be read (recorded as the file's error). */
  failure?: string;
  release(): Promise<void>;
}

const nothing = async () => {};

export async function openUploadedFile(
  store: BlobStore,
  sha256: string,
  size: number,
  tempRoot: string,
  singleReadLimit = SCAN_SINGLE_READ_LIMIT,
): Promise<UploadedFile> {
  let dir: string | undefined;
  try {
    if (size <= singleReadLimit) return { data: await store.get(sha256), release: nothing };
    await mkdir(tempRoot, { recursive: true, mode: 0o700 });
    dir = await mkdtemp(join(tempRoot, 'ingest-'));
    const path = join(dir, 'content');
    await pipeline(store.createReadStream(sha256), createWriteStream(path, { flags: 'wx', mode: 0o600 }));
    const made = dir;
    return { path, release: () => rm(made, { recursive: true, force: true }) };
  } catch (cause) {
    if (dir) await rm(dir, { recursive: true, force: true });
    if (AppError.is(cause, 'corrupt-blob')) {
      return {
        failure: 'the stored upload is not intact (it changed on disk); upload the file again',
        release: nothing,
      };
    }
    if (AppError.is(cause, 'not-found')) {
      return { failure: 'the stored upload is missing from the blob store; upload the file again', release: nothing };
    }
    throw cause;
  }
}

/** Removes temp folders older than `olderThanMs` left by a worker that was killed mid-file. */
export async function sweepUploadTemp(tempRoot: string, olderThanMs: number, now = Date.now()): Promise<number> {
  let removed = 0;
  const names = await readdir(tempRoot).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith('ingest-')) continue;
    const info = await stat(join(tempRoot, name)).catch(() => null);
    if (info && now - info.mtimeMs >= olderThanMs) {
      await rm(join(tempRoot, name), { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}
