/**
 * The core records of DESIGN.md §2: agencies, users and roles, cases and exhibits, media with
 * their metadata, signals and sightings. Every agency-scoped table carries `agency_id`; an
 * exhibit or sighting always has its case's / exhibit's agency (composite foreign keys).
 */
import { type Kysely, sql } from 'kysely';
import type { ColumnTypes, VigilMigration } from './column-types.js';

async function agenciesAndUsers(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('agencies')
    .addColumn('id', t.idType, t.id)
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', t.ref, (c) => c.notNull())
    .addUniqueConstraint('agencies_country_name_unique', ['country_code', 'name'])
    .addCheckConstraint('agencies_country_code_check', t.upperLetters('country_code', 2))
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', t.idType, t.id)
    .addColumn('agency_id', t.ref, (c) => c.notNull().references('agencies.id'))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('created_at', t.ref, (c) => c.notNull())
    .addColumn('disabled_at', t.ref)
    .addUniqueConstraint('users_username_unique', ['username'])
    .execute();
  await db.schema.createIndex('users_agency_idx').on('users').column('agency_id').execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', t.ref, (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
    .execute();
}

async function casesAndExhibits(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('id', t.idType, t.id)
    .addColumn('agency_id', t.ref, (c) => c.notNull().references('agencies.id'))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_at', t.ref, (c) => c.notNull())
    .addColumn('closed_at', t.ref)
    // Leads with agency_id: also the "cases of an agency" index.
    .addUniqueConstraint('cases_agency_reference_unique', ['agency_id', 'reference'])
    // Target of the composite foreign keys that pin an exhibit to its case's agency.
    .addUniqueConstraint('cases_id_agency_unique', ['id', 'agency_id'])
    .execute();

  await db.schema
    .createTable('exhibits')
    .addColumn('id', t.idType, t.id)
    .addColumn('case_id', t.ref, (c) => c.notNull())
    .addColumn('agency_id', t.ref, (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text')
    .addColumn('created_at', t.ref, (c) => c.notNull())
    .addForeignKeyConstraint('exhibits_case_fk', ['case_id', 'agency_id'], 'cases', ['id', 'agency_id'])
    .addUniqueConstraint('exhibits_case_label_unique', ['case_id', 'label'])
    .addUniqueConstraint('exhibits_id_agency_unique', ['id', 'agency_id'])
    .execute();
  await db.schema.createIndex('exhibits_agency_idx').on('exhibits').column('agency_id').execute();
}

async function media(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('media')
    .addColumn('id', t.idType, t.id)
    .addColumn('sha256', t.hash, (c) => c.notNull())
    .addColumn('md5', t.hash, (c) => c.notNull())
    .addColumn('sha1', t.hash, (c) => c.notNull())
    .addColumn('size', t.ref, (c) => c.notNull())
    .addColumn('mime', 'text')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('duration_ms', t.ref)
    .addColumn('created_at', t.ref, (c) => c.notNull())
    .addCheckConstraint('media_sha256_hex', t.lowerHex('sha256', 64))
    .addCheckConstraint('media_md5_hex', t.lowerHex('md5', 32))
    .addCheckConstraint('media_sha1_hex', t.lowerHex('sha1', 40))
    .addCheckConstraint('media_size_check', sql`size >= 0`)
    .execute();
  await db.schema.createIndex('media_sha256_unique').on('media').column('sha256').unique().execute();
  await db.schema.createIndex('media_md5_idx').on('media').column('md5').execute();
  await db.schema.createIndex('media_sha1_idx').on('media').column('sha1').execute();

  // Filled later than the media row (after decoding), hence its own table.
  await db.schema
    .createTable('media_metadata')
    .addColumn('media_id', t.idType, (c) => c.primaryKey().references('media.id'))
    .addColumn('camera_make', 'text')
    .addColumn('camera_model', 'text')
    .addColumn('camera_serial', 'text')
    .addColumn('taken_at', t.ref)
    .addColumn('updated_at', t.ref, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('media_metadata_camera_serial_idx')
    .on('media_metadata')
    .column('camera_serial')
    .where('camera_serial', 'is not', null)
    .execute();
}

async function signalsAndSightings(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('signals')
    .addColumn('id', t.idType, t.id)
    .addColumn('media_id', t.ref, (c) => c.notNull().references('media.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('value', t.hash, (c) => c.notNull())
    .addColumn('quality', 'integer')
    .execute();
  // One index for both the lookup by value and uniqueness per media; media_id alone is an
  // append-mostly integer index (cheaper to maintain than a second text index).
  await db.schema
    .createIndex('signals_type_value_media_unique')
    .on('signals')
    .columns(['type', 'value', 'media_id'])
    .unique()
    .execute();
  await db.schema.createIndex('signals_media_idx').on('signals').column('media_id').execute();

  await db.schema
    .createTable('sightings')
    .addColumn('id', t.idType, t.id)
    .addColumn('media_id', t.ref, (c) => c.notNull().references('media.id'))
    .addColumn('exhibit_id', t.ref, (c) => c.notNull())
    .addColumn('agency_id', t.ref, (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('file_created_at', t.ref)
    .addColumn('file_modified_at', t.ref)
    .addColumn('file_accessed_at', t.ref)
    .addColumn('seen_at', t.ref, (c) => c.notNull())
    .addForeignKeyConstraint('sightings_exhibit_fk', ['exhibit_id', 'agency_id'], 'exhibits', ['id', 'agency_id'])
    .execute();
  await db.schema.createIndex('sightings_media_idx').on('sightings').column('media_id').execute();
  await db.schema.createIndex('sightings_exhibit_idx').on('sightings').column('exhibit_id').execute();
  await db.schema.createIndex('sightings_agency_seen_idx').on('sightings').columns(['agency_id', 'seen_at']).execute();
}

export const coreMigration: VigilMigration = {
  name: '0001_core',
  async up(db, t) {
    await agenciesAndUsers(db, t);
    await casesAndExhibits(db, t);
    await media(db, t);
    await signalsAndSightings(db, t);
  },
};
