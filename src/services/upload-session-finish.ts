/**
 * Finishing a resumable upload session whose bytes are all in: the partial file takes exactly the
 * path of a one-shot upload (UploadService.receive, then accept: blob store with MD5/SHA-1/SHA-256,
 * the ingest job and the `upload` audit event in one transaction, which also marks the session
 * complete, so the file is enqueued once), then the partial file is deleted.
 *
 * The last chunk finishes its session here, under its writer lease. A hub that dies between the
 * last byte and the end of that transaction leaves a session whose offset is its size; the client
 * finishes it with an empty PUT (`Content-Range: bytes *\/size`), and the hub's own pass
 * (`abandoned`, at start-up) finishes those no one holds, so an upload whose client never comes
 * back is not lost either. That pass takes the lease like any writer, and acts as the uploader the
 * row names, with the roles the uploader has now: a user who is disabled, moved to another agency
 * or may no longer write to the exhibit gets nothing stored (the session then expires as any
 * other). Its audit event says the hub finished it (`finishedBy: "hub"`).
 */
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Actor } from '../access/access-record.js';
import { AppError } from '../domain/app-error.js';
import type { Exhibit } from '../domain/case.record.js';
import type { JsonObject } from '../storage/audit-hash.js';
import type { SealedPartial } from '../storage/sealed-partial.js';
import type { UploadSessionRepository, UploadSessionRow } from '../storage/upload-session.repository.js';
import type { UserAccountRepository } from '../storage/user-account.repository.js';
import type { UploadService } from './upload.service.js';
import { UploadLease } from './upload-lease.js';
import { type SessionState, stateOf } from './upload-session-state.js';

/** What the hub's pass did with one session whose bytes were all in. */
export interface FinishOutcome {
  id: string;
  /**
   * `held`: another request or hub holds it (or finished it meanwhile); `refused`: the uploader may
   * not store it now.
   */
  status: 'finished' | 'held' | 'refused' | 'failed';
  jobId?: number;
  reason?: string;
}

export class SessionFinisher {
  constructor(
    private readonly repo: UploadSessionRepository,
    private readonly uploads: UploadService,
    private readonly users: UserAccountRepository,
    private readonly partialOf: (id: string) => SealedPartial,
    private readonly now: () => number,
    private readonly leaseMs: number,
  ) {}

  /**
   * Under a lease taken from a lapsed writer, moves the partial file to a new inode before it is
   * read (SealedPartial.rehome): the old writer may still be stuck in a write to the old one.
   */
  async settle(lease: UploadLease): Promise<void> {
    if (lease.tookOver) await this.partialOf(lease.id).rehome(lease.row.received);
  }

  /** Stores and ingests the whole file as a one-shot upload, then deletes the partial file. */
  async store(actor: Actor, exhibit: Exhibit, row: UploadSessionRow, note: JsonObject = {}): Promise<SessionState> {
    const partial = this.partialOf(row.id);
    const stored = await this.uploads.receive(Readable.from(partial.plaintext()), 0);
    if (stored.size !== row.size) {
      throw new AppError('unreadable-file', `Upload session ${row.id}: the partial file changed under the server.`);
    }
    let done: SessionState['upload'] = null;
    const file = { index: 0, name: row.name, ...stored };
    await this.uploads.accept(
      actor,
      exhibit,
      [file],
      async (trx, accepted) => {
        done = { batch: accepted.batch, jobId: accepted.jobs[0].id, sha256: stored.sha256 };
        const first = await this.repo.complete(trx, row.id, { ...done, now: this.now() });
        if (!first) throw new AppError('conflict', `Upload session ${row.id} was already complete.`);
      },
      note,
    );
    await rm(partial.path, { force: true });
    return { ...stateOf(row), upload: done };
  }

  /** Finishes, one by one, the sessions whose bytes are all in; those someone holds are `held`, left to them. */
  async abandoned(): Promise<FinishOutcome[]> {
    const out: FinishOutcome[] = [];
    for (const row of await this.repo.listFinishable()) {
      out.push(
        await this.finishAbandoned(row).catch((error: unknown) => ({
          id: row.id,
          status: 'failed' as const,
          reason: error instanceof Error ? error.message : String(error),
        })),
      );
    }
    return out;
  }

  private async finishAbandoned(found: UploadSessionRow): Promise<FinishOutcome> {
    const id = found.id;
    const lease = await UploadLease.take(this.repo, id, this.now, this.leaseMs);
    if (!lease) return { id, status: 'held' };
    try {
      const row = lease.row;
      if (row.received !== row.size) return { id, status: 'held' };
      await this.settle(lease);
      const [user] = await this.users.byIds([row.user_id]);
      if (!user || user.disabledAt !== null || user.agencyId !== row.agency_id) {
        return { id, status: 'refused', reason: 'the uploader is disabled, gone or in another agency' };
      }
      const actor: Actor = { userId: user.id, agencyId: user.agencyId, roles: user.roles };
      const exhibit = await this.uploads.exhibitFor(actor, row.exhibit_id).catch((error: unknown) => {
        if (AppError.is(error)) return error;
        throw error;
      });
      if (exhibit instanceof AppError) return { id, status: 'refused', reason: exhibit.message };
      const state = await this.store(actor, exhibit, row, { finishedBy: 'hub' });
      return { id, status: 'finished', jobId: state.upload?.jobId };
    } finally {
      await lease.release();
    }
  }
}
