/**
 * One writer per resumable upload session across hub processes (several servers on one database
 * and one partial-file store): the request writing a session holds a lease on its row, `writer`
 * (a random token) until `lease_until` (ms), renewed while its chunk streams and cleared when it
 * ends. A second writer is refused while the lease runs; a crashed writer's lease runs out, so the
 * client resumes. Both nullable: a session nobody writes has neither.
 */
import type { VigilMigration } from './column-types.js';

export const uploadSessionLeasesMigration: VigilMigration = {
  name: '0022_upload_session_leases',
  async up(db, t) {
    await db.schema.alterTable('upload_sessions').addColumn('writer', 'text').execute();
    await db.schema.alterTable('upload_sessions').addColumn('lease_until', t.ref).execute();
  },
};
