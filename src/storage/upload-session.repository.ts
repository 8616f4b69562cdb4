/** The SQL of resumable upload sessions (upload_sessions, migration 0021). */
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

  /** Records bytes durably written; only while the session is not complete. */
  async setReceived(id: string, received: number, now: number): Promise<void> {
    await this.db
      .updateTable('upload_sessions')
      .set({ received, updated_at: now })
      .where('id', '=', id)
      .where('job_id', 'is', null)
      .execute();
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

  /** Removes sessions untouched since `before`; answers their ids (their partial files go too). */
  async deleteStale(before: number): Promise<string[]> {
    const rows = await this.db.deleteFrom('upload_sessions').where('updated_at', '<', before).returning('id').execute();
    return rows.map((r) => r.id);
  }
}
