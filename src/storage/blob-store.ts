/**
 * The blob store (DESIGN.md §4): media and thumbnails as content-addressed files under the data
 * directory, encrypted at rest (see blob-cipher.ts). A blob's address is the SHA-256 of its
 * plaintext; it lives at `<root>/<ab>/<cd>/<sha256>` (two fan-out levels keep folders small).
 *
 * Writes stream through the cipher into `<root>/.tmp/` (same file system, so the final rename is
 * atomic), are fsynced, renamed into place and the folder fsynced: a crash leaves either the whole
 * blob or a temp file that `sweepTemp` removes, never a partial blob. Reads are verified; a
 * tampered, truncated or misplaced blob is a `corrupt-blob` AppError and never returned.
 * Media and thumbnails use one key and one format, in separate roots (`openBlobStores`), so a
 * media garbage collection can never touch a thumbnail.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { AppError } from '../domain/app-error.js';
import { BlobDecryptor, BlobEncryptor, DEFAULT_CHUNK_LOG2 } from './blob-cipher.js';
import { BLOB_KEY_FILE_NAME, type BlobKey, loadBlobKey } from './blob-key.js';
import { type BlobRange, readBlobRange } from './blob-range.js';

const SHA256 = /^[0-9a-f]{64}$/;
const TEMP_DIR = '.tmp';

export interface PutOptions {
  /** The SHA-256 the caller already computed (ingest reads each file once): checked, and on a
   * mismatch nothing is stored and the error is `conflict` (the content changed under us). */
  expectedSha256?: string;
}

export interface PutResult {
  sha256: string;
  /** Plaintext size in bytes. */
  size: number;
  /** False when a blob with this address was already there (it is replaced by the fresh copy). */
  created: boolean;
}

export interface StoredBlob {
  sha256: string;
  /** Last write time: a garbage collector spares blobs younger than a grace period. */
  modifiedAt: number;
}

export type BlobSource = Buffer | Uint8Array | string | Readable | AsyncIterable<Buffer | Uint8Array>;

function checkAddress(sha256: string): string {
  if (!SHA256.test(sha256)) throw new AppError('bad-usage', 'A blob address is 64 lower-case hex digits (SHA-256).');
  return sha256;
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class BlobStore {
  constructor(
    readonly root: string,
    private readonly key: BlobKey,
    private readonly chunkLog2: number = DEFAULT_CHUNK_LOG2,
  ) {}

  pathOf(sha256: string): string {
    checkAddress(sha256);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Stores content (a buffer, a string, or a stream of any size, in constant memory). */
  async put(source: BlobSource, options: PutOptions = {}): Promise<PutResult> {
    if (options.expectedSha256 !== undefined) checkAddress(options.expectedSha256);
    const tempDir = join(this.root, TEMP_DIR);
    await mkdir(tempDir, { recursive: true, mode: 0o700 });
    const temp = join(tempDir, `${randomBytes(12).toString('hex')}.part`);
    const encryptor = new BlobEncryptor(this.key, this.chunkLog2);
    const input = Buffer.isBuffer(source) || typeof source === 'string' || source instanceof Uint8Array;
    const handle = await open(temp, 'wx', 0o600);
    try {
      await pipelineAsync(input ? Readable.from([Buffer.from(source)]) : source, encryptor, async (chunks) => {
        for await (const c of chunks as AsyncIterable<Buffer>) await handle.write(c);
      });
      await handle.sync();
    } catch (err) {
      await handle.close().catch(() => {});
      await rm(temp, { force: true });
      throw AppError.is(err)
        ? err
        : new AppError('unreadable-file', 'Storing a blob: the content could not be read.', { cause: err });
    }
    await handle.close();
    const { sha256, size } = encryptor;
    if (options.expectedSha256 !== undefined && options.expectedSha256 !== sha256) {
      await rm(temp, { force: true });
      throw new AppError(
        'conflict',
        `Storing blob ${options.expectedSha256}: the content hashes to ${sha256} instead; nothing was stored.`,
      );
    }
    const target = this.pathOf(sha256);
    const dir = join(target, '..');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const created = !(await this.has(sha256));
    await rename(temp, target);
    await syncDir(dir);
    return { sha256, size, created };
  }

  /** A stream of the verified plaintext; it errors (before 'end') when the blob is not intact. */
  createReadStream(sha256: string): Readable {
    const decryptor = new BlobDecryptor(this.key, checkAddress(sha256));
    const file = createReadStream(this.pathOf(sha256));
    file.on('error', (err) => {
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      decryptor.destroy(
        missing
          ? new AppError('not-found', `There is no blob ${sha256}.`)
          : new AppError('unreadable-file', `Blob ${sha256} could not be read.`, { cause: err }),
      );
    });
    // pipeline (not pipe): an early stop by the consumer also closes the file.
    pipeline(file, decryptor, () => {});
    return decryptor;
  }

  /** Bytes `start` to `end` (inclusive) of the plaintext, each chunk verified as read (blob-range.ts). */
  createRangeStream(sha256: string, range: BlobRange): Promise<Readable> {
    return readBlobRange(this.pathOf(sha256), this.key, sha256, range);
  }

  /** The whole verified plaintext (for thumbnails and small media; stream large ones). */
  async get(sha256: string): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const part of this.createReadStream(sha256)) parts.push(part as Buffer);
    return Buffer.concat(parts);
  }

  /** Reads a blob through, verifying it, without keeping the content. */
  async verify(sha256: string): Promise<void> {
    for await (const _ of this.createReadStream(sha256)) {
      // each chunk is authenticated as it passes; the end checks the address
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }

  /** Removes a blob; true when there was one. */
  async remove(sha256: string): Promise<boolean> {
    const path = this.pathOf(sha256);
    const existed = await this.has(sha256);
    await rm(path, { force: true });
    return existed;
  }

  /**
   * Removes a blob only if the copy there was last written before `cutoffMs`, safely against a
   * concurrent `put` of the same content: the file is first moved aside (atomic), and if what was
   * moved turns out to be a fresh write it is put back. True when an old copy was removed.
   */
  async removeIfOlderThan(sha256: string, cutoffMs: number): Promise<boolean> {
    const trashDir = join(this.root, TEMP_DIR);
    await mkdir(trashDir, { recursive: true, mode: 0o700 });
    const trash = join(trashDir, `${sha256}.${randomBytes(6).toString('hex')}.gc`);
    try {
      await rename(this.pathOf(sha256), trash);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
    if ((await stat(trash)).mtimeMs < cutoffMs) {
      await rm(trash, { force: true });
      return true;
    }
    // A fresh write landed between listing and now: keep it (unless a newer one replaced it again).
    await link(trash, this.pathOf(sha256)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
    await rm(trash, { force: true });
    return false;
  }

  /** Every stored blob (any order), walking the fan-out folders lazily. */
  async *list(): AsyncGenerator<StoredBlob> {
    for (const a of await readdirOrEmpty(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue;
      for (const b of await readdirOrEmpty(join(this.root, a))) {
        if (!/^[0-9a-f]{2}$/.test(b)) continue;
        for (const name of await readdirOrEmpty(join(this.root, a, b))) {
          if (!SHA256.test(name) || name.slice(0, 2) !== a || name.slice(2, 4) !== b) continue;
          const info = await stat(join(this.root, a, b, name)).catch(() => null);
          if (info?.isFile()) yield { sha256: name, modifiedAt: info.mtimeMs };
        }
      }
    }
  }

  /** Deletes temp files left by interrupted writes older than `olderThanMs`; returns how many. */
  async sweepTemp(olderThanMs: number, now: number = Date.now()): Promise<number> {
    const dir = join(this.root, TEMP_DIR);
    let removed = 0;
    for (const name of await readdirOrEmpty(dir)) {
      const info = await stat(join(dir, name)).catch(() => null);
      if (info && now - info.mtimeMs >= olderThanMs) {
        await rm(join(dir, name), { force: true });
        removed++;
      }
    }
    return removed;
  }
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

export interface BlobStores {
  media: BlobStore;
  thumbnails: BlobStore;
}

/**
 * Opens the media and thumbnail stores under `<dataDir>/blobs/`, with the install key at
 * `<dataDir>/blob.key` (created 0600 on first start; refused afterwards when unsafe).
 */
export async function openBlobStores(dataDir: string, options: { chunkLog2?: number } = {}): Promise<BlobStores> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const key = loadBlobKey(join(dataDir, BLOB_KEY_FILE_NAME), { create: true });
  const store = (name: string) => new BlobStore(join(dataDir, 'blobs', name), key, options.chunkLog2);
  return { media: store('media'), thumbnails: store('thumbnails') };
}
