/**
 * The rest of what ingest reads from a file's metadata (src/media/media-metadata.ts): lens, the
 * capture time as written and its UTC offset, GPS, software and orientation. `taken_at` (0001)
 * stays the instant in ms, filled only when the file states the offset; `taken_at_local` keeps the
 * wall-clock time either way. One ALTER per column: SQLite adds one column per statement.
 */
import type { VigilMigration } from './column-types.js';

const COLUMNS: ReadonlyArray<[string, 'text' | 'integer' | 'double precision']> = [
  ['lens_model', 'text'],
  ['lens_serial', 'text'],
  ['taken_at_local', 'text'],
  ['taken_at_offset_min', 'integer'],
  ['taken_at_source', 'text'],
  ['gps_latitude', 'double precision'],
  ['gps_longitude', 'double precision'],
  ['gps_altitude_m', 'double precision'],
  ['software', 'text'],
  ['orientation', 'integer'],
];

export const mediaMetadataDetailsMigration: VigilMigration = {
  name: '0007_media_metadata_details',
  async up(db) {
    for (const [column, type] of COLUMNS) {
      await db.schema.alterTable('media_metadata').addColumn(column, type).execute();
    }
  },
};
