/**
 * VICS case exports kept whole (issue #6): each imported Media entry of a `#Cases` export, as its
 * normalised VICS JSON, beside the media record it made (none when the entry has no SHA-256, the
 * key Vigil files media under), and per case the export's own fields and the version, flavour
 * and category scheme it came in. Fields Vigil has no column for (flags, comments, tags, EXIF,
 * segments, unknown fields) live in the JSON, so an export writes them back as they came.
 */
import type { VigilMigration } from './column-types.js';

export const vicsCasesMigration: VigilMigration = {
  name: '0018_vics_cases',
  async up(db, t) {
    await db.schema
      .createTable('vics_cases')
      .addColumn('case_id', t.idType, (c) => c.primaryKey().references('cases.id'))
      .addColumn('agency_id', t.ref, (c) => c.notNull().references('agencies.id'))
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('flavour', 'text', (c) => c.notNull())
      .addColumn('scheme', 'text', (c) => c.notNull())
      .addColumn('info', 'text', (c) => c.notNull())
      .addColumn('updated_at', t.ref, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('vics_entries')
      .addColumn('id', t.idType, (c) => t.id(c))
      .addColumn('agency_id', t.ref, (c) => c.notNull().references('agencies.id'))
      .addColumn('case_id', t.ref, (c) => c.notNull().references('cases.id'))
      .addColumn('media_id', t.ref, (c) => c.references('media.id'))
      .addColumn('md5', t.hash)
      .addColumn('sha1', t.hash)
      .addColumn('entry', 'text', (c) => c.notNull())
      .addColumn('created_at', t.ref, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('vics_entries_case_idx').on('vics_entries').columns(['case_id', 'id']).execute();
    await db.schema.createIndex('vics_entries_media_idx').on('vics_entries').column('media_id').execute();
    // A second import of a file finds the entries it kept by their digests.
    await db.schema
      .createIndex('vics_entries_case_digest_idx')
      .on('vics_entries')
      .columns(['case_id', 'md5', 'sha1'])
      .execute();
  },
};
