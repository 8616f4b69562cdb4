/**
 * Resumable uploads (issues #7, #9): one row per file being sent in chunks. `received` is how many
 * bytes are durably in the partial file (<data>/tmp/uploads/<id>.part); a restarted server resumes
 * from it. A session belongs to the agency and user who opened it; once the last byte is in, the
 * file is stored and ingested as any upload, and the row keeps the job it became (`job_id`).
 */
import { sql } from 'kysely';
import type { VigilMigration } from './column-types.js';

export const uploadSessionsMigration: VigilMigration = {
  name: '0021_upload_sessions',
  async up(db, t) {
    await db.schema
      .createTable('upload_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('agency_id', t.ref, (c) => c.notNull().references('agencies.id'))
      .addColumn('user_id', t.ref, (c) => c.notNull().references('users.id'))
      .addColumn('exhibit_id', t.ref, (c) => c.notNull().references('exhibits.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('size', t.ref, (c) => c.notNull())
      .addColumn('received', t.ref, (c) => c.notNull())
      .addColumn('job_id', t.ref)
      .addColumn('batch', 'text')
      .addColumn('sha256', t.hash)
      .addColumn('created_at', t.ref, (c) => c.notNull())
      .addColumn('updated_at', t.ref, (c) => c.notNull())
      .addCheckConstraint('upload_sessions_received_check', sql`received >= 0 and received <= size`)
      .execute();
    await db.schema.createIndex('upload_sessions_updated_idx').on('upload_sessions').column('updated_at').execute();
  },
};
