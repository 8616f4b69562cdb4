/**
 * The partial file of a resumable upload, encrypted at rest like the blob store: the bytes are
 * appended as sealed records, each `[u32 plaintext length][12-byte IV][16-byte tag][ciphertext]`
 * under AES-256-GCM with a key derived (HKDF-SHA-256) from the install key and the session id, the
 * record's plaintext offset and the session id as additional data (a record moved, cut or copied
 * from another session fails). Records hold at most RECORD_BYTES; an append seals what it has at
 * its end, so what arrived before a cut-off is kept. A crash can leave half a record at the end:
 * the next append cuts the file back to the records that hold the `received` bytes the table
 * recorded. I/O only: the upload session service decides what to append and when.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, type FileHandle, open, rename } from 'node:fs/promises';
import { AppError } from '../domain/app-error.js';
import type { BlobKey } from './blob-key.js';

export const RECORD_BYTES = 1 << 20;
const HEAD = 4 + 12 + 16;

/** The session's own key: the install key never encrypts partial files directly. */
export function partialKey(install: BlobKey, sessionId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', install.key, Buffer.from(sessionId), 'vigil upload partial v1', 32));
}

const aad = (sessionId: string, offset: number) => Buffer.from(`${sessionId}:${offset}`);

function damaged(path: string, why: string): AppError {
  return new AppError(
    'corrupt-blob',
    `The partial file of an upload session is damaged (${why}); open a new session.`,
    {
      details: { file: path.split('/').pop() },
    },
  );
}

export class SealedPartial {
  constructor(
    private readonly key: Buffer,
    private readonly sessionId: string,
    readonly path: string,
  ) {}

  /** Creates the empty file (mode 0600); fails if it exists. */
  async create(): Promise<void> {
    await (await open(this.path, 'wx', 0o600)).close();
  }

  /** Where the records holding the first `received` plaintext bytes end (checked, not decrypted). */
  private async endOf(handle: FileHandle, received: number): Promise<number> {
    const head = Buffer.alloc(4);
    let plain = 0;
    let at = 0;
    while (plain < received) {
      const { bytesRead } = await handle.read(head, 0, 4, at);
      if (bytesRead < 4) throw damaged(this.path, `it holds ${plain} of the ${received} bytes recorded`);
      const length = head.readUInt32BE(0);
      if (length === 0 || length > RECORD_BYTES) throw damaged(this.path, 'a record has an impossible length');
      plain += length;
      at += HEAD + length;
    }
    if (plain !== received) throw damaged(this.path, 'its records do not end where the table says');
    return at;
  }

  /**
   * Moves the records holding the first `received` bytes to a new file under the same name (copy,
   * sync, rename): a writer that lost its lease while stuck inside a write still holds the old file,
   * so its write lands there, never in the records of the writer that took over. The copy is cloned
   * where the file system can (copy-on-write), else copied; a takeover is rare.
   */
  async rehome(received: number): Promise<void> {
    const moving = `${this.path}.moving`;
    const handle = await open(this.path, 'r');
    let end: number;
    try {
      end = await this.endOf(handle, received);
    } finally {
      await handle.close();
    }
    await copyFile(this.path, moving, constants.COPYFILE_FICLONE);
    const copy = await open(moving, 'r+');
    try {
      await copy.truncate(end);
      await copy.chmod(0o600);
      await copy.sync();
    } finally {
      await copy.close();
    }
    await rename(moving, this.path);
  }

  /** Opens the file to append after the first `received` bytes (a half-written record after them is cut off). */
  async appendAfter(received: number): Promise<PartialAppend> {
    const handle = await open(this.path, 'r+');
    try {
      const end = await this.endOf(handle, received);
      await handle.truncate(end);
      return new PartialAppend(handle, this.key, this.sessionId, received, end);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The plaintext, record by record, each checked; the caller knows how many bytes to expect. */
  async *plaintext(): AsyncGenerator<Buffer> {
    const handle = await open(this.path, 'r');
    try {
      const head = Buffer.alloc(HEAD);
      let at = 0;
      let plain = 0;
      for (;;) {
        const { bytesRead } = await handle.read(head, 0, HEAD, at);
        if (bytesRead === 0) return;
        if (bytesRead < HEAD) throw damaged(this.path, 'it ends inside a record');
        const length = head.readUInt32BE(0);
        if (length === 0 || length > RECORD_BYTES) throw damaged(this.path, 'a record has an impossible length');
        const sealed = Buffer.alloc(length);
        const got = await handle.read(sealed, 0, length, at + HEAD);
        if (got.bytesRead < length) throw damaged(this.path, 'it ends inside a record');
        const decipher = createDecipheriv('aes-256-gcm', this.key, head.subarray(4, 16));
        decipher.setAAD(aad(this.sessionId, plain));
        decipher.setAuthTag(head.subarray(16, HEAD));
        try {
          yield Buffer.concat([decipher.update(sealed), decipher.final()]);
        } catch (cause) {
          if (AppError.is(cause)) throw cause;
          throw damaged(this.path, 'a record fails its check');
        }
        plain += length;
        at += HEAD + length;
      }
    } finally {
      await handle.close();
    }
  }
}

/** An append in progress: `write` as bytes arrive, then `close` seals the rest and syncs. */
export class PartialAppend {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly key: Buffer,
    private readonly sessionId: string,
    /** Plaintext bytes sealed so far. */
    public received: number,
    private at: number,
  ) {}

  /** A record could not be written (disk full, I/O error): `keepSealed`, not `close`. */
  failed = false;

  async write(part: Buffer): Promise<void> {
    this.pending.push(part);
    this.pendingBytes += part.length;
    try {
      while (this.pendingBytes >= RECORD_BYTES) await this.seal(RECORD_BYTES);
    } catch (error) {
      this.failed = true;
      throw error;
    }
  }

  /** Seals what is pending, syncs the file and closes it; the plaintext bytes now durable. */
  close(): Promise<number> {
    return this.finish(true);
  }

  /**
   * After a failed write: syncs the records already sealed and closes, dropping what is pending (a
   * torn record left at the end is cut off by the next `appendAfter`). Returns the bytes kept.
   */
  keepSealed(): Promise<number> {
    return this.finish(false);
  }

  private async finish(sealPending: boolean): Promise<number> {
    try {
      if (sealPending && this.pendingBytes > 0) await this.seal(this.pendingBytes);
      this.pending = [];
      this.pendingBytes = 0;
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
    return this.received;
  }

  /** Closes the file without sealing what is pending or syncing: the writer lost its lease, so writes nothing more. */
  async discard(): Promise<void> {
    this.pending = [];
    this.pendingBytes = 0;
    await this.handle.close();
  }

  /** Seals the first `length` pending bytes as one record; only a record written counts as sealed. */
  private async seal(length: number): Promise<void> {
    const all = Buffer.concat(this.pending);
    const plain = all.subarray(0, length);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(aad(this.sessionId, this.received));
    const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
    const head = Buffer.alloc(HEAD);
    head.writeUInt32BE(length, 0);
    iv.copy(head, 4);
    cipher.getAuthTag().copy(head, 16);
    const record = Buffer.concat([head, sealed]);
    await this.handle.write(record, 0, record.length, this.at);
    const rest = all.subarray(length);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
    this.at += record.length;
    this.received += length;
  }
}
