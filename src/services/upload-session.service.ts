/**
 * Resumable uploads (issues #7, #9): a file sent in chunks through a session, so a dropped
 * connection resumes from the last byte durably received instead of from byte 0.
 *
 * The blob store's writer cannot be resumed (its cipher state lives in memory), so the partial
 * bytes go to their own file `<data>/tmp/uploads/<id>.part` (mode 0600, folder 0700), encrypted
 * at rest in sealed records under a key derived from the install key (storage/sealed-partial.ts).
 * Each chunk is appended after the stored offset, fsynced, and only then is the new offset
 * recorded in `upload_sessions`: the row never claims a byte the disk may not hold, and records
 * after it (a chunk cut off after the write, half a record from a crash) are cut off before the
 * next append. When the last
 * byte is in, the file takes exactly the path of a one-shot upload (UploadService.receive, then
 * accept: blob store with MD5/SHA-1/SHA-256, the ingest job and the `upload` audit event in one
 * transaction, which also marks the session complete, so the file is enqueued once) and the partial
 * file is deleted. Sessions untouched for a day, and their files, are swept at start-up.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { AppError } from '../domain/app-error.js';
import type { Exhibit } from '../domain/case.record.js';
import type { BlobKey } from '../storage/blob-key.js';
import type { VigilSchema } from '../storage/schema.js';
import { partialKey, SealedPartial } from '../storage/sealed-partial.js';
import { UploadSessionRepository, type UploadSessionRow } from '../storage/upload-session.repository.js';
import { cleanName, formatBytes, type UploadService } from './upload.service.js';
import { leaseLost, sessionBusy, UPLOAD_LEASE_MS, UploadLease } from './upload-lease.js';

export const SESSION_EXPIRY_MS = 24 * 60 * 60 * 1000;

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
  total: number;
}

export interface SessionState {
  id: string;
  exhibitId: number;
  name: string;
  size: number;
  /** Bytes received so far: the next chunk starts here. */
  offset: number;
  /** Set once the whole file is in: the upload it became. */
  upload: { batch: string; jobId: number; sha256: string } | null;
}

function stateOf(row: UploadSessionRow): SessionState {
  return {
    id: row.id,
    exhibitId: row.exhibit_id,
    name: row.name,
    size: row.size,
    offset: row.received,
    upload:
      row.job_id !== null && row.batch !== null && row.sha256 !== null
        ? { batch: row.batch, jobId: row.job_id, sha256: row.sha256 }
        : null,
  };
}

export class UploadSessionService {
  private readonly repo: UploadSessionRepository;

  constructor(
    db: Kysely<VigilSchema>,
    private readonly uploads: UploadService,
    /** Where partial files live: `<data>/tmp/uploads`. */
    readonly dir: string,
    /** The install key: each session's partial file is sealed under a key derived from it. */
    private readonly key: BlobKey,
    private readonly now: () => number = Date.now,
    private readonly expiryMs: number = SESSION_EXPIRY_MS,
    /** How long a writer holds a session without renewing (upload-lease.ts). */
    private readonly leaseMs: number = UPLOAD_LEASE_MS,
  ) {
    this.repo = new UploadSessionRepository(db);
  }

  private pathOf(id: string): string {
    return join(this.dir, `${id}.part`);
  }

  private partialOf(id: string): SealedPartial {
    return new SealedPartial(partialKey(this.key, id), id, this.pathOf(id));
  }

  /** Opens a session for one file of `size` bytes; `payload-too-large` past the upload limit. */
  async open(actor: Actor, exhibitId: number, name: string, size: number): Promise<SessionState> {
    const exhibit = await this.uploads.exhibitFor(actor, exhibitId);
    if (actor.userId === null) {
      throw new AppError('forbidden', 'An upload session belongs to a user: sign in, or use a personal token.');
    }
    const limit = this.uploads.limits.maxFileBytes;
    if (size > limit) {
      throw new AppError(
        'payload-too-large',
        `The file (${formatBytes(size)}) is larger than the upload limit of ${formatBytes(limit)}; ask the operator to raise the limit.`,
        { details: { size, limitBytes: limit } },
      );
    }
    const id = randomBytes(16).toString('hex');
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await this.partialOf(id).create();
    const now = this.now();
    const row: UploadSessionRow = {
      id,
      agency_id: actor.agencyId,
      user_id: actor.userId,
      exhibit_id: exhibit.id,
      name: cleanName(name, 0),
      size,
      received: 0,
      job_id: null,
      batch: null,
      sha256: null,
      created_at: now,
      updated_at: now,
      writer: null,
      lease_until: null,
    };
    await this.repo.create(row);
    return size === 0 ? this.finish(actor, exhibit, row) : stateOf(row);
  }

  /** The session of this user; `not-found` for anyone else's (existence not revealed). */
  async status(actor: Actor, id: string): Promise<SessionState> {
    return stateOf(await this.own(actor, id));
  }

  private async own(actor: Actor, id: string): Promise<UploadSessionRow> {
    const row = actor.userId === null ? undefined : await this.repo.findOwn(id, actor.agencyId, actor.userId);
    if (!row) throw new AppError('not-found', `There is no upload session ${id} of yours; open a new one.`);
    return row;
  }

  /**
   * Appends one chunk at `range.start`, which must be the session's offset (else `conflict` with
   * the offset in the details). One writer at a time across hub processes: the chunk is written
   * under the session's lease (upload-lease.ts); another writer gets `conflict` with when to
   * retry. Whatever arrived before a cut-off is kept and counted.
   */
  async append(actor: Actor, id: string, range: ByteRange, body: AsyncIterable<Buffer>): Promise<SessionState> {
    this.check(await this.own(actor, id), range);
    const lease = await UploadLease.take(this.repo, id, this.now, this.leaseMs);
    if (!lease) {
      const row = await this.own(actor, id);
      this.check(row, range);
      throw sessionBusy(row, this.now());
    }
    try {
      // The offset may have moved between the first look and the lease: checked again under it.
      const row = lease.row;
      this.check(row, range);
      const exhibit = await this.uploads.exhibitFor(actor, row.exhibit_id);
      const received = await this.write(row, range, body, lease);
      if (received < row.size) return stateOf({ ...row, received });
      return await this.finish(actor, exhibit, { ...row, received });
    } finally {
      await lease.release();
    }
  }

  /** Refuses a chunk the session cannot take: complete, another size, or not at its offset. */
  private check(row: UploadSessionRow, range: ByteRange): void {
    const offset = row.received;
    if (row.job_id !== null) {
      throw new AppError('conflict', `Upload session ${row.id} is already complete; it became job ${row.job_id}.`, {
        details: { offset, jobId: row.job_id },
      });
    }
    if (range.total !== row.size) {
      throw new AppError(
        'payload-too-large',
        `The range says the file has ${range.total} bytes, but the session was opened for ${row.size}; open a new session for a changed file.`,
        { details: { size: row.size, offset } },
      );
    }
    if (range.start !== offset) {
      throw new AppError(
        'conflict',
        `Upload session ${row.id} holds ${offset} bytes: send the chunk that starts there.`,
        {
          details: { offset },
        },
      );
    }
  }

  /**
   * Writes the chunk, fsyncs, then records the new offset, also when the body breaks off. The lease
   * is checked as bytes arrive; once lost, nothing more is written and nothing of the chunk counted.
   */
  private async write(
    row: UploadSessionRow,
    range: ByteRange,
    body: AsyncIterable<Buffer>,
    lease: UploadLease,
  ): Promise<number> {
    const want = range.end - range.start + 1;
    const partial = this.partialOf(row.id);
    const append = await partial.appendAfter(row.received).catch((cause: unknown) => {
      if (AppError.is(cause)) throw cause;
      throw new AppError('not-found', `Upload session ${row.id} expired (its partial file is gone); open a new one.`, {
        cause,
      });
    });
    let written = 0;
    let failure: unknown;
    try {
      for await (const chunk of body) {
        if (!lease.held()) break;
        const room = want - written;
        const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
        if (part.length > 0) await append.write(part);
        written += part.length;
        if (chunk.length > room) {
          throw new AppError(
            'payload-too-large',
            `The body holds more than the ${want} bytes its Content-Range says; the first ${want} were kept.`,
            { details: { offset: row.received + written } },
          );
        }
      }
    } catch (error) {
      failure = error;
    }
    if (!lease.held()) {
      await append.discard();
      throw leaseLost(row.id, row.received);
    }
    await append.close();
    const received = row.received + written;
    if (!(await this.repo.setReceived(row.id, lease.token, row.received, received, this.now()))) {
      throw leaseLost(row.id, row.received);
    }
    if (failure !== undefined) {
      throw AppError.is(failure)
        ? failure
        : new AppError('bad-usage', `The chunk was cut off; ${received} bytes are kept: resume from there.`, {
            cause: failure,
            details: { offset: received },
          });
    }
    return received;
  }

  /** The whole file is in: stored and ingested exactly as a one-shot upload, then the partial file goes. */
  private async finish(actor: Actor, exhibit: Exhibit, row: UploadSessionRow): Promise<SessionState> {
    const path = this.pathOf(row.id);
    const stored = await this.uploads.receive(Readable.from(this.partialOf(row.id).plaintext()), 0);
    if (stored.size !== row.size) {
      throw new AppError('unreadable-file', `Upload session ${row.id}: the partial file changed under the server.`);
    }
    let done: SessionState['upload'] = null;
    await this.uploads.accept(actor, exhibit, [{ index: 0, name: row.name, ...stored }], async (trx, accepted) => {
      const jobId = accepted.jobs[0].id;
      done = { batch: accepted.batch, jobId, sha256: stored.sha256 };
      const first = await this.repo.complete(trx, row.id, { ...done, now: this.now() });
      if (!first) throw new AppError('conflict', `Upload session ${row.id} was already complete.`);
    });
    await rm(path, { force: true });
    return { ...stateOf(row), upload: done };
  }

  /** Removes sessions untouched for the expiry and partial files older than it (run at start-up). */
  async sweep(): Promise<number> {
    const before = this.now() - this.expiryMs;
    const ids = await this.repo.deleteStale(before, this.now());
    for (const id of ids) await rm(this.pathOf(id), { force: true });
    let names: string[] = [];
    try {
      names = await readdir(this.dir);
    } catch {
      return ids.length;
    }
    for (const name of names) {
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => null);
      if (info?.isFile() && info.mtimeMs < before) await rm(path, { force: true });
    }
    return ids.length;
  }
}
