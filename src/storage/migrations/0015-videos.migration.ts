/**
 * Videos (issue #8): what a video's media row cannot hold — its vPDQ frame list (one line per
 * hashed frame, far too long for the signals table's unique index on PostgreSQL), the facts a
 * report shows (container, codec, size, frame rate, duration, sound) and its stills (the poster
 * is the media's thumbnail; a few more frames spread over the video, as thumbnail blobs). And on
 * matches, the details a video match carries: both percentages and the matched time ranges.
 */
import type { VigilMigration } from './column-types.js';

const DOUBLE = 'double precision';

export const videosMigration: VigilMigration = {
  name: '0015_videos',
  async up(db, t) {
    await db.schema
      .createTable('media_videos')
      .addColumn('media_id', t.ref, (c) => c.primaryKey().references('media.id'))
      .addColumn('container', 'text', (c) => c.notNull())
      .addColumn('codec', 'text', (c) => c.notNull())
      .addColumn('width', 'integer', (c) => c.notNull())
      .addColumn('height', 'integer', (c) => c.notNull())
      .addColumn('frame_rate', DOUBLE, (c) => c.notNull())
      .addColumn('duration_seconds', DOUBLE)
      .addColumn('has_audio', 'integer', (c) => c.notNull())
      .addColumn('frames', 'integer', (c) => c.notNull())
      // The vPDQ feature list as text (vpdq-feature.ts: frameNumber,quality,hash,timestamp per line).
      .addColumn('vpdq', 'text', (c) => c.notNull())
      // JSON array of { blobSha256, mime, width, height, timestamp }.
      .addColumn('stills', 'text', (c) => c.notNull())
      .addColumn('created_at', t.ref, (c) => c.notNull())
      .execute();
    // JSON object: { queryPercent, comparedPercent, queryRanges, comparedRanges } for `vpdq` matches.
    await db.schema.alterTable('matches').addColumn('details', 'text').execute();
  },
};
