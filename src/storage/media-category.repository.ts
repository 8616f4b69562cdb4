/**
 * An agency's own category for media items (migration 0016): set (or cleared) by a reviewer,
 * read back with the scheme and value codes. One row per agency and media. I/O only.
 */
import type { Kysely } from 'kysely';
import type { VigilSchema } from './schema.js';
import { withAppErrors } from './storage-errors.js';

export interface MediaCategory {
  mediaId: number;
  scheme: string;
  code: string;
  label: string;
  setBy: number | null;
  setAt: number;
}

export class MediaCategoryRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  /** Sets the agency's category of the media (replacing its earlier one); `null` clears it. */
  set(agencyId: number, mediaId: number, valueId: number | null, userId: number | null, at: number): Promise<void> {
    return withAppErrors('Categorising a media item', async () => {
      await this.db
        .deleteFrom('media_categories')
        .where('agency_id', '=', agencyId)
        .where('media_id', '=', mediaId)
        .execute();
      if (valueId === null) return;
      await this.db
        .insertInto('media_categories')
        .values({ agency_id: agencyId, media_id: mediaId, category_value_id: valueId, set_by: userId, set_at: at })
        .execute();
    });
  }

  /** The agency's categories of these media, by media id. */
  async of(agencyId: number, mediaIds: readonly number[]): Promise<Map<number, MediaCategory>> {
    const found = new Map<number, MediaCategory>();
    if (mediaIds.length === 0) return found;
    const rows = await this.db
      .selectFrom('media_categories')
      .innerJoin('category_values', 'category_values.id', 'media_categories.category_value_id')
      .innerJoin('category_schemes', 'category_schemes.id', 'category_values.scheme_id')
      .select([
        'media_categories.media_id',
        'media_categories.set_by',
        'media_categories.set_at',
        'category_values.code',
        'category_values.label',
        'category_schemes.code as scheme',
      ])
      .where('media_categories.agency_id', '=', agencyId)
      .where('media_categories.media_id', 'in', [...mediaIds])
      .execute();
    for (const r of rows) {
      found.set(Number(r.media_id), {
        mediaId: Number(r.media_id),
        scheme: r.scheme,
        code: r.code,
        label: r.label,
        setBy: r.set_by === null ? null : Number(r.set_by),
        setAt: Number(r.set_at),
      });
    }
    return found;
  }
}
