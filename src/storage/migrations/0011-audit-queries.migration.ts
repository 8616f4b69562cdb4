/**
 * Indexes for the audit query route (issue #7): auditors filter by the acting user and by a time
 * range, newest first, on logs that grow by every view. Agency and record filters already have
 * theirs (0003).
 */
import type { VigilMigration } from './column-types.js';

export const auditQueriesMigration: VigilMigration = {
  name: '0011_audit_queries',
  async up(db) {
    await db.schema
      .createIndex('audit_events_actor_user_idx')
      .on('audit_events')
      .columns(['actor_user_id', 'seq'])
      .execute();
    await db.schema.createIndex('audit_events_at_idx').on('audit_events').columns(['at', 'seq']).execute();
  },
};
