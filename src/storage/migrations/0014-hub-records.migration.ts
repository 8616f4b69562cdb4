/**
 * What the hub's record routes (issue #7) need beyond migration 0002: a series' category (a
 * value of a category scheme), the reason given with a match verdict, and on alerts the agency
 * whose action raised the alert and, for "a victim in your series was identified", which victim
 * (an id only: the alerted agency cannot read the victim record). All nullable, so existing rows
 * stay valid.
 */
import type { VigilMigration } from './column-types.js';

export const hubRecordsMigration: VigilMigration = {
  name: '0014_hub_records',
  async up(db, t) {
    await db.schema
      .alterTable('series')
      .addColumn('category_value_id', t.ref, (c) => c.references('category_values.id'))
      .execute();
    await db.schema.alterTable('matches').addColumn('verdict_reason', 'text').execute();
    await db.schema
      .alterTable('alerts')
      .addColumn('from_agency_id', t.ref, (c) => c.references('agencies.id'))
      .execute();
    await db.schema
      .alterTable('alerts')
      .addColumn('victim_id', t.ref, (c) => c.references('victims.id'))
      .execute();
    // Deduplication of alerts looks them up by agency, reason and subject.
    await db.schema
      .createIndex('alerts_subject_idx')
      .on('alerts')
      .columns(['agency_id', 'reason', 'about_kind', 'about_id'])
      .execute();
  },
};
