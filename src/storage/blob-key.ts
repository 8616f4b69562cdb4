/**
 * The per-install key that encrypts the blob store: 32 random bytes in a file only its owner may
 * read or write (mode 0600). Created once (exclusively, so two processes starting together cannot
 * make two keys); afterwards start-up refuses a key file with looser permissions or the wrong
 * length. The key never appears in a message, a log or an error.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../domain/app-error.js';

export const BLOB_KEY_BYTES = 32;
export const BLOB_KEY_FILE_NAME = 'blob.key';

/** The key, and an id of it that can be stored beside data (an HMAC of a label, not the key). */
export interface BlobKey {
  readonly key: Buffer;
  /** 8 bytes; tells "written with another key" apart from tampering. */
  readonly id: Buffer;
}

function keyId(key: Buffer): Buffer {
  return createHmac('sha256', key).update('vigil blob key id v1').digest().subarray(0, 8);
}

function unsafe(path: string, why: string): AppError {
  return new AppError('unsafe-key-file', `The blob key file ${path} ${why}`);
}

function readKey(path: string, fd: number): Buffer {
  const stat = fstatSync(fd);
  if (!stat.isFile()) throw unsafe(path, 'is not a regular file.');
  if ((stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
    throw unsafe(
      path,
      `has permissions ${mode}; it must be readable by its owner only. Fix: chmod 600 "${path}" (and check who else could have read it).`,
    );
  }
  if (stat.size !== BLOB_KEY_BYTES) {
    throw unsafe(
      path,
      `holds ${stat.size} bytes, not ${BLOB_KEY_BYTES}: it is not a Vigil blob key. Restore it from your backup; without it the stored media cannot be read.`,
    );
  }
  const key = Buffer.alloc(BLOB_KEY_BYTES);
  if (readSync(fd, key, 0, BLOB_KEY_BYTES, 0) !== BLOB_KEY_BYTES) throw unsafe(path, 'could not be read in full.');
  return key;
}

function createKey(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return; // another process made it first
    throw new AppError('unreadable-file', `Cannot create the blob key file ${path}.`, { cause: err });
  }
  try {
    const key = randomBytes(BLOB_KEY_BYTES);
    writeSync(fd, key);
    fsyncSync(fd);
    key.fill(0);
  } finally {
    closeSync(fd);
  }
}

/** Reads the key file at `path`, creating it (0600) when `create` and it does not exist yet. */
export function loadBlobKey(path: string, options: { create?: boolean } = {}): BlobKey {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT')
      throw new AppError('unreadable-file', `Cannot open the blob key file ${path}.`, { cause: err });
    if (!options.create) {
      throw new AppError('not-found', `There is no blob key file at ${path}; the blob store cannot be opened.`);
    }
    createKey(path);
    return loadBlobKey(path, { create: false });
  }
  try {
    const key = readKey(path, fd);
    return { key, id: keyId(key) };
  } finally {
    closeSync(fd);
  }
}
