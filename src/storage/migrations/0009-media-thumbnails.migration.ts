/**
 * Where a media's thumbnail is: the SHA-256 of its (plaintext) bytes in the thumbnails blob store,
 * with its type and size. One per media; written in the same transaction as the media row, after
 * the blob itself (blob first, row second: an orphan blob is collectable, a row never lacks one).
 */
import type { VigilMigration } from './column-types.js';

export const mediaThumbnailsMigration: VigilMigration = {
  name: '0009_media_thumbnails',
  async up(db, t) {
    await db.schema
      .createTable('media_thumbnails')
      .addColumn('media_id', t.ref, (c) => c.primaryKey().references('media.id'))
      .addColumn('blob_sha256', t.hash, (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('width', 'integer', (c) => c.notNull())
      .addColumn('height', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('media_thumbnails_blob_idx').on('media_thumbnails').column('blob_sha256').execute();
  },
};
