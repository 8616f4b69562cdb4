/** The SQL of resumable upload sessions (upload_sessions, migrations 0021 and 0022: the writer lease). */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { VigilSchema } from './schema.js';
import type { UploadSessionTable } from './upload-session-schema.js';

export type UploadSessionRow = Selectable<UploadSessionTable>;

export class UploadSessionRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  async create(row: UploadSessionRow): Promise<void> {
    await this.db.insertInto('upload_sessions').values(row).execute();
  }

  /** The session when it belongs to this agency and user; undefined for any other. */
  async findOwn(id: string, agencyId: number, userId: number): Promise<UploadSessionRow | undefined> {
    return this.db
      .selectFrom('upload_sessions')
      .selectAll()
      .where('id', '=', id)
      .where('agency_id', '=', agencyId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
  }

  /**
   * Takes the session's writer lease for `token` until `until` when no one holds it (none, or it
   * lapsed before `now`) and the session is not complete; the row as it now is, else undefined.
   * `tookOver`: the lease was taken from a writer whose lease lapsed, which may still be stuck in a
   * write (two conditional updates, each atomic, so a free session is never reported as taken over).
   */
  async acquire(
    id: string,
    token: string,
    now: number,
    until: number,
  ): Promise<{ row: UploadSessionRow; tookOver: boolean } | undefined> {
    const take = (from: 'free' | 'lapsed') =>
      this.db
        .updateTable('upload_sessions')
        .set({ writer: token, lease_until: until })
        .where('id', '=', id)
        .where('job_id', 'is', null)
        .where((eb) =>
          from === 'free'
            ? eb('writer', 'is', null)
            : eb.and([eb('writer', 'is not', null), eb('lease_until', '<', now)]),
        )
        .returningAll()
        .executeTakeFirst();
    const free = await take('free');
    if (free) return { row: free, tookOver: false };
    const lapsed = await take('lapsed');
    return lapsed ? { row: lapsed, tookOver: true } : undefined;
  }

  /** Extends the lease while `token` still holds it; false when another writer took it over. */
  async renew(id: string, token: string, until: number): Promise<boolean> {
    const result = await this.db
      .updateTable('upload_sessions')
      .set({ lease_until: until })
      .where('id', '=', id)
      .where('writer', '=', token)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Gives the lease back (when `token` still holds it). */
  async release(id: string, token: string): Promise<void> {
    await this.db
      .updateTable('upload_sessions')
      .set({ writer: null, lease_until: null })
      .where('id', '=', id)
      .where('writer', '=', token)
      .execute();
  }

  /**
   * Moves the offset from `from` to `received`, only for the lease holder `token` and while the
   * session is not complete; false when the lease was taken over (the bytes are then not counted).
   */
  async setReceived(id: string, token: string, from: number, received: number, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('upload_sessions')
      .set({ received, updated_at: now })
      .where('id', '=', id)
      .where('writer', '=', token)
      .where('received', '=', from)
      .where('job_id', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Marks the session complete inside the transaction that enqueued its job; false when it already was. */
  async complete(
    trx: Transaction<VigilSchema>,
    id: string,
    done: { jobId: number; batch: string; sha256: string; now: number },
  ): Promise<boolean> {
    const result = await trx
      .updateTable('upload_sessions')
      .set({ job_id: done.jobId, batch: done.batch, sha256: done.sha256, updated_at: done.now })
      .where('id', '=', id)
      .where('job_id', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Sessions whose bytes are all in but that never became an upload (a hub died between the last
   * byte and the finishing step): oldest first. Whoever finishes one takes its lease first.
   */
  async listFinishable(): Promise<UploadSessionRow[]> {
    return this.db
      .selectFrom('upload_sessions')
      .selectAll()
      .where('job_id', 'is', null)
      .whereRef('received', '=', 'size')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  /**
   * Removes sessions untouched since `before` that no one is writing (no lease running at `now`);
   * answers their ids (their partial files go too).
   */
  async deleteStale(before: number, now: number): Promise<string[]> {
    const rows = await this.db
      .deleteFrom('upload_sessions')
      .where('updated_at', '<', before)
      .where((eb) => eb.or([eb('writer', 'is', null), eb('lease_until', '<', now)]))
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }
}
