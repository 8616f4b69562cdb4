/**
 * An agency's own categorisation of a media item (issue #9: the reviewer's number keys): one
 * category value per agency and media, who set it and when. Agencies categorise independently;
 * another agency's verdict is theirs to share through a series or hash set.
 */
import type { VigilMigration } from './column-types.js';

export const mediaCategoriesMigration: VigilMigration = {
  name: '0016_media_categories',
  async up(db, t) {
    await db.schema
      .createTable('media_categories')
      .addColumn('agency_id', t.ref, (c) => c.notNull().references('agencies.id'))
      .addColumn('media_id', t.ref, (c) => c.notNull().references('media.id'))
      .addColumn('category_value_id', t.ref, (c) => c.notNull().references('category_values.id'))
      .addColumn('set_by', t.ref, (c) => c.references('users.id'))
      .addColumn('set_at', t.ref, (c) => c.notNull())
      .addPrimaryKeyConstraint('media_categories_pk', ['agency_id', 'media_id'])
      .execute();
  },
};
