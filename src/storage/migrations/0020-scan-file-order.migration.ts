/**
 * Indexes an exhibit's scan results in the orders the API pages them (issue #9: a seizure of 100k
 * files is read a page at a time, never whole): (exhibit_id, id) for the order they finished, and
 * (exhibit_id, status, id) for one status, and so for review order, which reads one status after
 * another. On PostgreSQL the old (exhibit_id, status) index left every status page to a sort of
 * the whole status; the new one covers its counts too, so it goes.
 */
import type { VigilMigration } from './column-types.js';

export const scanFileOrderMigration: VigilMigration = {
  name: '0020_scan_file_order',
  async up(db) {
    await db.schema.createIndex('scan_files_exhibit_id_idx').on('scan_files').columns(['exhibit_id', 'id']).execute();
    await db.schema
      .createIndex('scan_files_exhibit_status_id_idx')
      .on('scan_files')
      .columns(['exhibit_id', 'status', 'id'])
      .execute();
    await db.schema.dropIndex('scan_files_exhibit_status_idx').execute();
  },
};
