/**
 * Which thumbnail blob belongs to a media (migration 0009). The blob is stored first, by the
 * caller; this row is written in the media's transaction.
 */
import type { Kysely } from 'kysely';
import type { VigilSchema } from './schema.js';
import { withAppErrors } from './storage-errors.js';

export interface ThumbnailRef {
  blobSha256: string;
  mime: string;
  width: number;
  height: number;
}

export class MediaThumbnailRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  /** Records the media's thumbnail; keeps the first one if it already has one. */
  set(mediaId: number, ref: ThumbnailRef): Promise<void> {
    return withAppErrors('Recording a thumbnail', async () => {
      await this.db
        .insertInto('media_thumbnails')
        .values({
          media_id: mediaId,
          blob_sha256: ref.blobSha256,
          mime: ref.mime,
          width: ref.width,
          height: ref.height,
        })
        .onConflict((oc) => oc.column('media_id').doNothing())
        .execute();
    });
  }

  async get(mediaId: number): Promise<ThumbnailRef | null> {
    const row = await this.db
      .selectFrom('media_thumbnails')
      .selectAll()
      .where('media_id', '=', mediaId)
      .executeTakeFirst();
    return row ? { blobSha256: row.blob_sha256, mime: row.mime, width: row.width, height: row.height } : null;
  }
}
