/**
 * The job queue (issue #7): one `jobs` table on both dialects. A job is queued until a worker
 * claims it, running while a worker holds its lease (`locked_until`, renewed while it works), and
 * ends `done` (with its result) or `failed` (with the last error). A worker that dies leaves a
 * running job whose lease runs out; any worker then claims it again. `claim_token` is new at every
 * claim, so only the current holder can renew, complete or fail the job.
 */
import { sql } from 'kysely';
import type { VigilMigration } from './column-types.js';

export const jobsMigration: VigilMigration = {
  name: '0012_jobs',
  async up(db, t) {
    await db.schema
      .createTable('jobs')
      .addColumn('id', t.idType, (c) => t.id(c))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('agency_id', t.ref, (c) => c.notNull().references('agencies.id'))
      .addColumn('created_by', t.ref, (c) => c.references('users.id'))
      .addColumn('batch', 'text')
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('blob_sha256', t.hash)
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'running', 'done', 'failed')`))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('run_after', t.ref, (c) => c.notNull())
      .addColumn('claim_token', 'text')
      .addColumn('locked_until', t.ref)
      .addColumn('progress', 'text')
      .addColumn('result', 'text')
      .addColumn('error', 'text')
      .addColumn('created_at', t.ref, (c) => c.notNull())
      .addColumn('started_at', t.ref)
      .addColumn('finished_at', t.ref)
      .addCheckConstraint('jobs_attempts_check', sql`attempts >= 0 and max_attempts >= 1`)
      .execute();
    // What claims scan: waiting jobs by due time, running ones by lease end.
    await db.schema
      .createIndex('jobs_queued_idx')
      .on('jobs')
      .columns(['run_after', 'id'])
      .where(sql<boolean>`status = 'queued'`)
      .execute();
    await db.schema
      .createIndex('jobs_running_idx')
      .on('jobs')
      .column('locked_until')
      .where(sql<boolean>`status = 'running'`)
      .execute();
    await db.schema.createIndex('jobs_agency_idx').on('jobs').columns(['agency_id', 'created_at']).execute();
    await db.schema.createIndex('jobs_batch_idx').on('jobs').column('batch').where('batch', 'is not', null).execute();
    await db.schema
      .createIndex('jobs_blob_idx')
      .on('jobs')
      .column('blob_sha256')
      .where('blob_sha256', 'is not', null)
      .execute();
  },
};
