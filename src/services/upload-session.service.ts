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
 * byte is in, the file takes exactly the path of a one-shot upload (upload-session-finish.ts); a
 * session left with all its bytes but unfinished (a hub died in between) is finished by an empty
 * PUT with `Content-Range: bytes *\/size`, or by the start-up pass. Sessions untouched for a day,
 * and their files, are swept at start-up.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { AppError } from '../domain/app-error.js';
import type { BlobKey } from '../storage/blob-key.js';
import type { VigilSchema } from '../storage/schema.js';
import { partialKey, SealedPartial } from '../storage/sealed-partial.js';
import { UploadSessionRepository, type UploadSessionRow } from '../storage/upload-session.repository.js';
import { UserAccountRepository } from '../storage/user-account.repository.js';
import { cleanName, formatBytes, type UploadService } from './upload.service.js';
import { leaseLost, sessionBusy, UPLOAD_LEASE_MS, UploadLease } from './upload-lease.js';
import { type FinishOutcome, SessionFinisher } from './upload-session-finish.js';
import { type ByteRange, type SessionState, stateOf } from './upload-session-state.js';

export type { ByteRange, SessionState } from './upload-session-state.js';

export const SESSION_EXPIRY_MS = 24 * 60 * 60 * 1000;

export class UploadSessionService {
  private readonly repo: UploadSessionRepository;
  private readonly finisher: SessionFinisher;
  /** The second pass over sessions whose lease was still running at start-up (a writer that just died). */
  private retry: { first?: Promise<unknown>; timer?: NodeJS.Timeout; pass?: Promise<unknown> } = {};

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
    const partialOf = (id: string) => this.partialOf(id);
    this.finisher = new SessionFinisher(this.repo, uploads, new UserAccountRepository(db), partialOf, now, leaseMs);
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
    return size === 0 ? this.finisher.store(actor, exhibit, row) : stateOf(row);
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
      return await this.finisher.store(actor, exhibit, { ...row, received });
    } finally {
      await lease.release();
    }
  }

  /**
   * Finishes a session whose bytes are all in (an empty PUT with `Content-Range: bytes *\/<size>`):
   * the client's way out when a hub died between the last byte and the finishing step. Under the
   * writer lease, once: a session already finished answers the upload it became (`finishedNow`
   * false), one with fewer bytes than its size `conflict` with the offset, as a chunk out of step.
   */
  async finishReceived(
    actor: Actor,
    id: string,
    total: number,
  ): Promise<{ state: SessionState; finishedNow: boolean }> {
    const whole: ByteRange = { start: total, end: total - 1, total };
    const first = await this.own(actor, id);
    if (first.job_id !== null) return { state: stateOf(first), finishedNow: false };
    this.check(first, whole);
    const lease = await UploadLease.take(this.repo, id, this.now, this.leaseMs);
    if (!lease) {
      const row = await this.own(actor, id);
      if (row.job_id !== null) return { state: stateOf(row), finishedNow: false };
      this.check(row, whole);
      throw sessionBusy(row, this.now());
    }
    try {
      this.check(lease.row, whole);
      const exhibit = await this.uploads.exhibitFor(actor, lease.row.exhibit_id);
      await this.finisher.settle(lease);
      return { state: await this.finisher.store(actor, exhibit, lease.row), finishedNow: true };
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
    const opened = this.finisher.settle(lease).then(() => partial.appendAfter(row.received));
    const append = await opened.catch((cause: unknown) => {
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
    // After a failed write only the records sealed before it count (the client resends the rest).
    const received = append.failed ? await append.keepSealed() : await append.close();
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

  /**
   * The start-up pass: finishes the sessions whose bytes are all in that no one holds (once more
   * when a lease ran then: a writer that just died), then removes sessions untouched for the
   * expiry and partial files older than it.
   */
  async sweep(): Promise<{ removed: number; finished: FinishOutcome[] }> {
    const finished = await this.finisher.abandoned();
    if (finished.some((f) => f.status === 'held')) {
      this.retry.timer = setTimeout(() => {
        this.retry.pass = this.finisher.abandoned().catch(() => []);
      }, this.leaseMs + 1_000);
      this.retry.timer.unref();
    }
    const before = this.now() - this.expiryMs;
    const ids = await this.repo.deleteStale(before, this.now());
    for (const id of ids) await rm(this.pathOf(id), { force: true });
    let names: string[] = [];
    try {
      names = await readdir(this.dir);
    } catch {
      return { removed: ids.length, finished };
    }
    for (const name of names) {
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => null);
      if (info?.isFile() && info.mtimeMs < before) await rm(path, { force: true });
    }
    return { removed: ids.length, finished };
  }

  /** `sweep` in the background: the hub listens at once, however large an abandoned file is. */
  startSweep(): void {
    this.retry.first = this.sweep().catch(() => undefined);
  }

  /** Waits for a start-up pass, stops the second one or waits for it (before the database closes). */
  async close(): Promise<void> {
    await this.retry.first;
    clearTimeout(this.retry.timer);
    await this.retry.pass;
  }
}
