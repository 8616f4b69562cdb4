/**
 * A scanned file's matches as data (issue #5): the scan row keeps, beside its human-readable
 * reasons, what the file matched when it was sorted — kind, target (media or hash-set entry),
 * distance or video overlap and time ranges — as a JSON array (ingest/file-match.ts), so a report
 * can give them column by column. Null on rows written before this migration.
 */
import type { VigilMigration } from './column-types.js';

export const scanFileMatchesMigration: VigilMigration = {
  name: '0019_scan_file_matches',
  async up(db) {
    await db.schema.alterTable('scan_files').addColumn('matches', 'text').execute();
  },
};
