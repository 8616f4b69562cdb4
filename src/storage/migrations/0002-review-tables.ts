/**
 * Part of migration 0002_records (frozen with it): what people review and exchange — matches
 * awaiting or bearing a verdict, notes on a series or case with the agencies that may see them,
 * and alerts to an agency.
 */
import { type Kysely, sql } from 'kysely';
import type { ColumnTypes } from './column-types.js';

async function matches(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('matches')
    .addColumn('id', t.idType, t.id)
    .addColumn('agency_id', t.ref, (c) => c.notNull().references('agencies.id'))
    .addColumn('media_id', t.ref, (c) => c.notNull().references('media.id'))
    .addColumn('other_media_id', t.ref, (c) => c.references('media.id'))
    .addColumn('hash_set_entry_id', t.ref, (c) => c.references('hash_set_entries.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('distance', 'integer')
    .addColumn('overlap', 'double precision')
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('decided_by', t.ref, (c) => c.references('users.id'))
    .addColumn('decided_at', t.ref)
    .addColumn('created_at', t.ref, (c) => c.notNull())
    .addCheckConstraint('matches_one_target', sql`(other_media_id is null) <> (hash_set_entry_id is null)`)
    .addCheckConstraint('matches_not_self', sql`other_media_id is null or other_media_id <> media_id`)
    .addCheckConstraint('matches_verdict_check', sql`verdict in ('pending', 'confirmed', 'rejected')`)
    .addCheckConstraint(
      'matches_decision_check',
      sql`(verdict = 'pending' and decided_by is null and decided_at is null) or
          (verdict <> 'pending' and decided_by is not null and decided_at is not null)`,
    )
    .addCheckConstraint('matches_distance_check', sql`distance is null or distance >= 0`)
    .addCheckConstraint('matches_overlap_check', sql`overlap is null or (overlap >= 0 and overlap <= 1)`)
    .execute();
  // One match per pair and kind for an agency; both lead with agency_id ("by agency").
  await db.schema
    .createIndex('matches_media_pair_unique')
    .on('matches')
    .columns(['agency_id', 'media_id', 'other_media_id', 'kind'])
    .unique()
    .where('other_media_id', 'is not', null)
    .execute();
  await db.schema
    .createIndex('matches_entry_pair_unique')
    .on('matches')
    .columns(['agency_id', 'media_id', 'hash_set_entry_id', 'kind'])
    .unique()
    .where('hash_set_entry_id', 'is not', null)
    .execute();
  await db.schema.createIndex('matches_agency_verdict_idx').on('matches').columns(['agency_id', 'verdict']).execute();
  await db.schema.createIndex('matches_media_idx').on('matches').column('media_id').execute();
  await db.schema
    .createIndex('matches_other_media_idx')
    .on('matches')
    .column('other_media_id')
    .where('other_media_id', 'is not', null)
    .execute();
  await db.schema
    .createIndex('matches_entry_idx')
    .on('matches')
    .column('hash_set_entry_id')
    .where('hash_set_entry_id', 'is not', null)
    .execute();
}

async function notes(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('notes')
    .addColumn('id', t.idType, t.id)
    .addColumn('agency_id', t.ref, (c) => c.notNull().references('agencies.id'))
    .addColumn('author_id', t.ref, (c) => c.notNull().references('users.id'))
    .addColumn('series_id', t.ref, (c) => c.references('series.id'))
    .addColumn('case_id', t.ref, (c) => c.references('cases.id'))
    .addColumn('reply_to_id', t.ref, (c) => c.references('notes.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', t.ref, (c) => c.notNull())
    .addCheckConstraint('notes_one_subject', sql`(series_id is null) <> (case_id is null)`)
    .execute();
  await db.schema
    .createIndex('notes_series_idx')
    .on('notes')
    .columns(['series_id', 'created_at'])
    .where('series_id', 'is not', null)
    .execute();
  await db.schema
    .createIndex('notes_case_idx')
    .on('notes')
    .columns(['case_id', 'created_at'])
    .where('case_id', 'is not', null)
    .execute();
  await db.schema.createIndex('notes_agency_idx').on('notes').column('agency_id').execute();

  await db.schema
    .createTable('note_visibility')
    .addColumn('note_id', t.ref, (c) => c.notNull().references('notes.id'))
    .addColumn('agency_id', t.ref, (c) => c.notNull().references('agencies.id'))
    .addPrimaryKeyConstraint('note_visibility_pk', ['note_id', 'agency_id'])
    .execute();
  await db.schema.createIndex('note_visibility_agency_idx').on('note_visibility').column('agency_id').execute();
}

async function alerts(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('alerts')
    .addColumn('id', t.idType, t.id)
    .addColumn('agency_id', t.ref, (c) => c.notNull().references('agencies.id'))
    .addColumn('about_kind', 'text', (c) => c.notNull())
    .addColumn('about_id', t.ref, (c) => c.notNull())
    .addColumn('match_id', t.ref, (c) => c.references('matches.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', t.ref, (c) => c.notNull())
    .addColumn('read_at', t.ref)
    .addColumn('read_by', t.ref, (c) => c.references('users.id'))
    .addCheckConstraint('alerts_read_check', sql`(read_at is null) = (read_by is null)`)
    .execute();
  await db.schema.createIndex('alerts_agency_idx').on('alerts').columns(['agency_id', 'created_at']).execute();
  await db.schema
    .createIndex('alerts_unread_idx')
    .on('alerts')
    .columns(['agency_id', 'created_at'])
    .where(sql<boolean>`read_at is null`)
    .execute();
  await db.schema.createIndex('alerts_about_idx').on('alerts').columns(['about_kind', 'about_id']).execute();
  await db.schema
    .createIndex('alerts_match_idx')
    .on('alerts')
    .column('match_id')
    .where('match_id', 'is not', null)
    .execute();
}

export async function reviewTables(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await matches(db, t);
  await notes(db, t);
  await alerts(db, t);
}
