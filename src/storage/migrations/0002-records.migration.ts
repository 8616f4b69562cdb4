/**
 * The linked records of DESIGN.md §2: category schemes (seeded as data), hash sets and their
 * entries, series and their shares, victims, offenders, places, clues, links, matches, notes
 * and alerts. Every record table carries its owner `agency_id`. Status-like columns that will
 * grow (kinds, relations, statuses) are free text checked by the domain; the closed sets that
 * access and review rules rely on (sharing level, verdict) are checked by the schema.
 */
import { type Kysely, sql } from 'kysely';
import { seedCategorySchemes } from './0002-category-seed.js';
import { reviewTables } from './0002-review-tables.js';
import type { ColumnTypes, VigilMigration } from './column-types.js';

/** Stored as 8-byte floats on both (SQLite gives the name REAL affinity). */
const DOUBLE = 'double precision';
const SHARING_CHECK = sql`sharing in ('all', 'hash_only', 'restricted')`;

async function categories(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('category_schemes')
    .addColumn('id', t.idType, t.id)
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', t.ref, (c) => c.notNull())
    .addUniqueConstraint('category_schemes_code_unique', ['code'])
    .execute();

  await db.schema
    .createTable('category_values')
    .addColumn('id', t.idType, t.id)
    .addColumn('scheme_id', t.ref, (c) => c.notNull().references('category_schemes.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addUniqueConstraint('category_values_scheme_code_unique', ['scheme_id', 'code'])
    .execute();

  await db.schema
    .createTable('category_mappings')
    .addColumn('from_value_id', t.ref, (c) => c.notNull().references('category_values.id'))
    .addColumn('to_value_id', t.ref, (c) => c.notNull().references('category_values.id'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('category_mappings_pk', ['from_value_id', 'to_value_id'])
    .addCheckConstraint('category_mappings_relation_check', sql`relation in ('equivalent', 'narrower')`)
    .addCheckConstraint('category_mappings_not_self', sql`from_value_id <> to_value_id`)
    .execute();
  await db.schema.createIndex('category_mappings_to_idx').on('category_mappings').column('to_value_id').execute();
}

async function hashSets(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('hash_sets')
    .addColumn('id', t.idType, t.id)
    .addColumn('agency_id', t.ref, (c) => c.notNull().references('agencies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('scheme_id', t.ref, (c) => c.references('category_schemes.id'))
    .addColumn('terms', 'text')
    .addColumn('sharing', 'text', (c) => c.notNull())
    .addColumn('created_at', t.ref, (c) => c.notNull())
    // Leads with agency_id: also the "hash sets of an agency" index.
    .addUniqueConstraint('hash_sets_agency_name_unique', ['agency_id', 'name'])
    .addUniqueConstraint('hash_sets_id_agency_unique', ['id', 'agency_id'])
    .addCheckConstraint('hash_sets_sharing_check', SHARING_CHECK)
    .execute();

  await db.schema
    .createTable('hash_set_shares')
    .addColumn('hash_set_id', t.ref, (c) => c.notNull().references('hash_sets.id'))
    .addColumn('agency_id', t.ref, (c) => c.notNull().references('agencies.id'))
    .addPrimaryKeyConstraint('hash_set_shares_pk', ['hash_set_id', 'agency_id'])
    .execute();
  await db.schema.createIndex('hash_set_shares_agency_idx').on('hash_set_shares').column('agency_id').execute();

  await db.schema
    .createTable('hash_set_entries')
    .addColumn('id', t.idType, t.id)
    .addColumn('hash_set_id', t.ref, (c) => c.notNull())
    .addColumn('agency_id', t.ref, (c) => c.notNull())
    .addColumn('md5', t.hash)
    .addColumn('sha1', t.hash)
    .addColumn('sha256', t.hash)
    .addColumn('pdq', t.hash)
    .addColumn('category_value_id', t.ref, (c) => c.references('category_values.id'))
    .addForeignKeyConstraint('hash_set_entries_set_fk', ['hash_set_id', 'agency_id'], 'hash_sets', ['id', 'agency_id'])
    .addCheckConstraint('hash_set_entries_md5_hex', t.lowerHex('md5', 32))
    .addCheckConstraint('hash_set_entries_sha1_hex', t.lowerHex('sha1', 40))
    .addCheckConstraint('hash_set_entries_sha256_hex', t.lowerHex('sha256', 64))
    .addCheckConstraint('hash_set_entries_pdq_hex', t.lowerHex('pdq', 64))
    .addCheckConstraint(
      'hash_set_entries_some_hash',
      sql`md5 is not null or sha1 is not null or sha256 is not null or pdq is not null`,
    )
    .execute();
  await hashSetEntryIndexes(db);
}

/**
 * An entry is identified within its set by its strongest hash (SHA-256, else SHA-1, else MD5,
 * else PDQ): one partial unique index per case. MD5 and SHA-1 alone are not unique per set
 * when a stronger hash is there (collision pairs are real files), nor is PDQ (re-encodes share it).
 * The SHA-256 one leads with the hash, so it is also the lookup index by SHA-256.
 */
async function hashSetEntryIndexes(db: Kysely<unknown>): Promise<void> {
  const table = 'hash_set_entries';
  await db.schema
    .createIndex('hash_set_entries_sha256_unique')
    .on(table)
    .columns(['sha256', 'hash_set_id'])
    .unique()
    .where('sha256', 'is not', null)
    .execute();
  await db.schema
    .createIndex('hash_set_entries_sha1_key_unique')
    .on(table)
    .columns(['hash_set_id', 'sha1'])
    .unique()
    .where(sql<boolean>`sha256 is null and sha1 is not null`)
    .execute();
  await db.schema
    .createIndex('hash_set_entries_md5_key_unique')
    .on(table)
    .columns(['hash_set_id', 'md5'])
    .unique()
    .where(sql<boolean>`sha256 is null and sha1 is null and md5 is not null`)
    .execute();
  await db.schema
    .createIndex('hash_set_entries_pdq_key_unique')
    .on(table)
    .columns(['hash_set_id', 'pdq'])
    .unique()
    .where(sql<boolean>`sha256 is null and sha1 is null and md5 is null`)
    .execute();
  for (const hash of ['md5', 'sha1', 'pdq']) {
    await db.schema
      .createIndex(`hash_set_entries_${hash}_idx`)
      .on(table)
      .column(hash)
      .where(hash, 'is not', null)
      .execute();
  }
  await db.schema.createIndex('hash_set_entries_set_idx').on(table).columns(['hash_set_id', 'id']).execute();
}

async function seriesAndPeople(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('series')
    .addColumn('id', t.idType, t.id)
    .addColumn('agency_id', t.ref, (c) => c.notNull().references('agencies.id'))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sharing', 'text', (c) => c.notNull())
    .addColumn('created_at', t.ref, (c) => c.notNull())
    .addColumn('updated_at', t.ref, (c) => c.notNull())
    .addUniqueConstraint('series_agency_reference_unique', ['agency_id', 'reference'])
    .addCheckConstraint('series_sharing_check', SHARING_CHECK)
    .execute();
  await db.schema.createIndex('series_sharing_idx').on('series').column('sharing').execute();

  await db.schema
    .createTable('series_shares')
    .addColumn('series_id', t.ref, (c) => c.notNull().references('series.id'))
    .addColumn('agency_id', t.ref, (c) => c.notNull().references('agencies.id'))
    .addColumn('created_at', t.ref, (c) => c.notNull())
    .addPrimaryKeyConstraint('series_shares_pk', ['series_id', 'agency_id'])
    .execute();
  await db.schema.createIndex('series_shares_agency_idx').on('series_shares').column('agency_id').execute();

  for (const table of ['victims', 'offenders']) {
    await db.schema
      .createTable(table)
      .addColumn('id', t.idType, t.id)
      .addColumn('agency_id', t.ref, (c) => c.notNull().references('agencies.id'))
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('identified_at', t.ref)
      .addColumn('identified_by_agency_id', t.ref, (c) => c.references('agencies.id'))
      .addColumn('created_at', t.ref, (c) => c.notNull())
      .addUniqueConstraint(`${table}_agency_reference_unique`, ['agency_id', 'reference'])
      .addCheckConstraint(`${table}_identified_check`, sql`(identified_at is null) = (identified_by_agency_id is null)`)
      .execute();
  }
}

async function placesAndClues(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('places')
    .addColumn('id', t.idType, t.id)
    .addColumn('agency_id', t.ref, (c) => c.notNull().references('agencies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('country_code', 'text')
    .addColumn('latitude', DOUBLE)
    .addColumn('longitude', DOUBLE)
    .addColumn('created_at', t.ref, (c) => c.notNull())
    .addCheckConstraint('places_country_code_check', t.upperLetters('country_code', 2))
    .addCheckConstraint('places_coordinates_check', sql`(latitude is null) = (longitude is null)`)
    .addCheckConstraint('places_latitude_check', sql`latitude between -90 and 90`)
    .addCheckConstraint('places_longitude_check', sql`longitude between -180 and 180`)
    .execute();
  await db.schema.createIndex('places_agency_idx').on('places').column('agency_id').execute();

  await db.schema
    .createTable('clues')
    .addColumn('id', t.idType, t.id)
    .addColumn('agency_id', t.ref, (c) => c.notNull().references('agencies.id'))
    .addColumn('media_id', t.ref, (c) => c.notNull().references('media.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('crop_x', 'integer')
    .addColumn('crop_y', 'integer')
    .addColumn('crop_w', 'integer')
    .addColumn('crop_h', 'integer')
    .addColumn('created_at', t.ref, (c) => c.notNull())
    .addCheckConstraint(
      'clues_crop_check',
      sql`(crop_x is null and crop_y is null and crop_w is null and crop_h is null) or
          (crop_x is not null and crop_y is not null and crop_w is not null and crop_h is not null and
           crop_x >= 0 and crop_y >= 0 and crop_w > 0 and crop_h > 0)`,
    )
    .execute();
  await db.schema.createIndex('clues_media_idx').on('clues').column('media_id').execute();
  await db.schema.createIndex('clues_agency_idx').on('clues').column('agency_id').execute();
}

async function links(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('links')
    .addColumn('id', t.idType, t.id)
    .addColumn('agency_id', t.ref, (c) => c.notNull().references('agencies.id'))
    .addColumn('from_kind', 'text', (c) => c.notNull())
    .addColumn('from_id', t.ref, (c) => c.notNull())
    .addColumn('to_kind', 'text', (c) => c.notNull())
    .addColumn('to_id', t.ref, (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('created_by', t.ref, (c) => c.references('users.id'))
    .addColumn('created_at', t.ref, (c) => c.notNull())
    .addCheckConstraint('links_not_self', sql`not (from_kind = to_kind and from_id = to_id)`)
    .execute();
  // Leads with the "from" end: also the lookup from a record (e.g. the series of a victim).
  await db.schema
    .createIndex('links_unique')
    .on('links')
    .columns(['from_kind', 'from_id', 'to_kind', 'to_id', 'relation', 'agency_id'])
    .unique()
    .execute();
  // The lookup to a record, e.g. the media of a series ("by series").
  await db.schema.createIndex('links_to_idx').on('links').columns(['to_kind', 'to_id']).execute();
  await db.schema.createIndex('links_agency_idx').on('links').column('agency_id').execute();
}

export const recordsMigration: VigilMigration = {
  name: '0002_records',
  async up(db, t) {
    await categories(db, t);
    await hashSets(db, t);
    await seriesAndPeople(db, t);
    await placesAndClues(db, t);
    await links(db, t);
    await reviewTables(db, t);
    await seedCategorySchemes(db);
  },
};
