import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Compilable, type Kysely, sql } from 'kysely';
import type { VigilSchema } from '../../src/storage/schema.js';
import { hashSetEntriesVisibleTo, noteVisibleTo, seriesVisibleTo } from '../../src/storage/visibility.js';
import { describeEachDialect } from './dialect-harness.js';

type Db = Kysely<VigilSchema>;

/** Each lookup path of the records and the index its first step must use. */
const PATHS: [string, string, (db: Db) => Compilable<unknown>][] = [
  ...(['md5', 'sha1', 'pdq'] as const).map((h): [string, string, (db: Db) => Compilable<unknown>] => [
    `hash-set entries by ${h}`,
    `hash_set_entries_${h}_idx`,
    (db) =>
      db
        .selectFrom('hash_set_entries')
        .innerJoin('hash_sets', 'hash_sets.id', 'hash_set_entries.hash_set_id')
        .selectAll('hash_set_entries')
        .where(`hash_set_entries.${h}`, '=', 'ab')
        .where(hashSetEntriesVisibleTo(1)),
  ]),
  [
    'hash-set entries by sha256',
    'hash_set_entries_sha256_unique',
    (db) => db.selectFrom('hash_set_entries').selectAll().where('sha256', '=', 'ab'),
  ],
  ...(['md5', 'sha1'] as const).map((h): [string, string, (db: Db) => Compilable<unknown>] => [
    `media by ${h} (all of them: these digests collide)`,
    `media_${h}_idx`,
    (db) => db.selectFrom('media').selectAll().where(`media.${h}`, '=', 'ab').orderBy('media.id'),
  ]),
  [
    'media by sha256',
    'media_sha256_unique',
    (db) => db.selectFrom('media').selectAll().where('media.sha256', '=', 'ab'),
  ],
  [
    'signals by type and value, with their media',
    'signals_type_value_media_unique|signals_value_idx',
    (db) =>
      db
        .selectFrom('signals')
        .innerJoin('media', 'media.id', 'signals.media_id')
        .selectAll('media')
        .select(['signals.id as signal_id', 'signals.quality'])
        .where('signals.type', '=', 'pdq')
        .where('signals.value', '=', 'ab')
        .orderBy('media.id'),
  ],
  [
    "an agency's sightings, newest first",
    'sightings_agency_seen_idx',
    (db) => db.selectFrom('sightings').selectAll().where('agency_id', '=', 1).orderBy('seen_at', 'desc').limit(50),
  ],
  [
    'media by camera serial',
    'media_metadata_camera_serial_idx',
    (db) => db.selectFrom('media_metadata').selectAll().where('camera_serial', '=', 'SN1'),
  ],
  [
    'series shared with an agency',
    'series_shares_agency_idx',
    (db) => db.selectFrom('series_shares').selectAll().where('agency_id', '=', 1),
  ],
  [
    'links to a series (its media)',
    'links_to_idx',
    (db) => db.selectFrom('links').selectAll().where('to_kind', '=', 'series').where('to_id', '=', 1),
  ],
  [
    'links from a record',
    'links_unique',
    (db) => db.selectFrom('links').selectAll().where('from_kind', '=', 'victim').where('from_id', '=', 1),
  ],
  ['matches of a media', 'matches_media_idx', (db) => db.selectFrom('matches').selectAll().where('media_id', '=', 1)],
  [
    'pending matches of an agency',
    'matches_agency_verdict_idx',
    (db) => db.selectFrom('matches').selectAll().where('agency_id', '=', 1).where('verdict', '=', 'pending'),
  ],
  [
    'notes of a series thread',
    'notes_series_idx',
    (db) => db.selectFrom('notes').selectAll().where('notes.series_id', '=', 1).where(noteVisibleTo(1)),
  ],
  [
    'unread alerts of an agency',
    'alerts_unread_idx',
    (db) => db.selectFrom('alerts').selectAll().where('agency_id', '=', 1).where('read_at', 'is', null),
  ],
  ['clues of a media', 'clues_media_idx', (db) => db.selectFrom('clues').selectAll().where('media_id', '=', 1)],
  ['places of an agency', 'places_agency_idx', (db) => db.selectFrom('places').selectAll().where('agency_id', '=', 1)],
  [
    'series shares checked for a visible series',
    'series_shares',
    (db) => db.selectFrom('series').selectAll().where('series.id', '=', 1).where(seriesVisibleTo(2)),
  ],
];

async function plan(db: Db, dialect: string, query: Compilable<unknown>): Promise<string> {
  const compiled = query.compile();
  if (dialect === 'sqlite') {
    const { rows } = await db.executeQuery<{ detail: string }>({
      ...compiled,
      sql: `explain query plan ${compiled.sql}`,
    });
    return rows.map((r) => r.detail).join('\n');
  }
  // Empty tables make a sequential scan cheapest; with it priced out, the planner shows what it can use.
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string }>({ ...compiled, sql: `explain ${compiled.sql}` });
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

describeEachDialect('record lookup paths', (suite) => {
  for (const [name, index, build] of PATHS) {
    test(`${name} use ${index}`, async () => {
      const text = await plan(suite.database.db, suite.dialect, build(suite.database.db));
      // `a|b`: the SQLite index, then the PostgreSQL one (migration 0024).
      const [sqlite, postgres = sqlite] = index.split('|');
      const expected = suite.dialect === 'postgres' ? postgres : sqlite;
      assert.ok(text.includes(expected), `expected ${expected} in:\n${text}`);
      assert.doesNotMatch(
        text,
        /^SCAN (hash_set_entries|links|matches|notes|alerts|clues|places|series_shares|media|signals|sightings)\b/m,
      );
    });
  }
});
