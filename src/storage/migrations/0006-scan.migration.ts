/**
 * Scan progress: one row per finished file of an exhibit (scan-schema.ts). Unique by exhibit and
 * path, so a resumed scan can never record a file twice.
 */
import { sql } from 'kysely';
import type { VigilMigration } from './column-types.js';

export const scanMigration: VigilMigration = {
  name: '0006_scan',
  async up(db, t) {
    await db.schema
      .createTable('scan_files')
      .addColumn('id', t.idType, t.id)
      .addColumn('exhibit_id', t.ref, (c) => c.notNull())
      .addColumn('agency_id', t.ref, (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reasons', 'text', (c) => c.notNull())
      .addColumn('media_id', t.ref, (c) => c.references('media.id'))
      .addColumn('sha256', t.hash)
      .addColumn('size', t.ref)
      .addColumn('scanned_at', t.ref, (c) => c.notNull())
      .addForeignKeyConstraint('scan_files_exhibit_fk', ['exhibit_id', 'agency_id'], 'exhibits', ['id', 'agency_id'])
      .addUniqueConstraint('scan_files_exhibit_path_unique', ['exhibit_id', 'path'])
      .addCheckConstraint(
        'scan_files_status_check',
        sql`status in ('new', 'known', 'near-duplicate', 'ignorable', 'error')`,
      )
      .execute();
    await db.schema
      .createIndex('scan_files_exhibit_status_idx')
      .on('scan_files')
      .columns(['exhibit_id', 'status'])
      .execute();
    await db.schema
      .createIndex('scan_files_exhibit_sha256_idx')
      .on('scan_files')
      .columns(['exhibit_id', 'sha256'])
      .execute();
  },
};
