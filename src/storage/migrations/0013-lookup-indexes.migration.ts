/**
 * Indexes the hash lookups (issue #7) found missing. Whether an agency sighted a media is asked by
 * every visibility check of a media (scope-query.ts, `sightedBy`): with separate indexes on
 * sightings' media and agency, SQLite's planner (no statistics) chose the agency one and read all
 * of the agency's sightings for each media — milliseconds per check at a thousand sightings,
 * seconds at millions. One index on (media_id, agency_id) answers the check with one seek on both
 * dialects.
 */
import type { VigilMigration } from './column-types.js';

export const lookupIndexesMigration: VigilMigration = {
  name: '0013_lookup_indexes',
  async up(db) {
    await db.schema
      .createIndex('sightings_media_agency_idx')
      .on('sightings')
      .columns(['media_id', 'agency_id'])
      .execute();
  },
};
