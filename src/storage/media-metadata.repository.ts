/**
 * Stores what ingest read from a media's metadata (src/media/media-metadata.ts) in its
 * `media_metadata` row: set replaces the whole row, get reads it back. The camera columns are the
 * ones `MediaRepository.findByCameraSerial` searches. Width and height belong to the media row.
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { MediaMetadata } from '../media/media-metadata.js';
import type { MediaMetadataTable, VigilSchema } from './schema.js';
import { withAppErrors } from './storage-errors.js';

/** The stored part of `MediaMetadata` (size lives on the media row). */
export type StoredMediaMetadata = Omit<MediaMetadata, 'width' | 'height'>;

export class MediaMetadataRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Sets (replaces) the metadata of a media. */
  set(mediaId: number, m: StoredMediaMetadata): Promise<void> {
    return withAppErrors('Setting media metadata', async () => {
      const values = {
        camera_make: m.cameraMake,
        camera_model: m.cameraModel,
        camera_serial: m.cameraSerial,
        lens_model: m.lensModel,
        lens_serial: m.lensSerial,
        taken_at: m.capturedAt?.epochMs ?? null,
        taken_at_local: m.capturedAt?.local ?? null,
        taken_at_offset_min: m.capturedAt?.offsetMinutes ?? null,
        taken_at_source: m.capturedAt?.source ?? null,
        gps_latitude: m.gps?.latitude ?? null,
        gps_longitude: m.gps?.longitude ?? null,
        gps_altitude_m: m.gps?.altitudeM ?? null,
        software: m.software,
        orientation: m.orientation,
        updated_at: this.now(),
      };
      await upsertMediaMetadata(this.db, mediaId, values);
    });
  }

  async get(mediaId: number): Promise<StoredMediaMetadata | null> {
    const row = await this.db
      .selectFrom('media_metadata')
      .selectAll()
      .where('media_id', '=', mediaId)
      .executeTakeFirst();
    return row ? toStoredMetadata(row) : null;
  }
}

export function toStoredMetadata(row: Selectable<MediaMetadataTable>): StoredMediaMetadata {
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  return {
    cameraMake: row.camera_make,
    cameraModel: row.camera_model,
    cameraSerial: row.camera_serial,
    lensModel: row.lens_model,
    lensSerial: row.lens_serial,
    capturedAt:
      row.taken_at_local === null
        ? null
        : {
            local: row.taken_at_local,
            offsetMinutes: num(row.taken_at_offset_min),
            epochMs: num(row.taken_at),
            source: row.taken_at_source ?? '',
          },
    gps:
      row.gps_latitude === null || row.gps_longitude === null
        ? null
        : {
            latitude: num(row.gps_latitude) ?? 0,
            longitude: num(row.gps_longitude) ?? 0,
            altitudeM: num(row.gps_altitude_m),
          },
    software: row.software,
    orientation: num(row.orientation),
  };
}

/** Inserts or updates the given columns of a media's `media_metadata` row (the one write path). */
export async function upsertMediaMetadata(
  db: Kysely<VigilSchema>,
  mediaId: number,
  values: Omit<Insertable<MediaMetadataTable>, 'media_id'>,
): Promise<void> {
  await db
    .insertInto('media_metadata')
    .values({ media_id: mediaId, ...values })
    .onConflict((oc) => oc.column('media_id').doUpdateSet(values))
    .execute();
}
