/**
 * Media, their signals, camera metadata and sightings. I/O only: hash values arrive normalised
 * (lower-case hex); the checks in the schema turn anything else into a typed error.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../domain/app-error.js';
import type { CameraInfo, Media, Sighting, Signal } from '../domain/media.record.js';
import { chunk, IN_LIST_CHUNK } from './chunks.js';
import type { DialectName } from './dialect-name.js';
import { type BulkInsertOptions, type BulkMediaResult, bulkInsertMedia } from './media-bulk-insert.js';
import { BY_MD5, BY_SHA1, BY_SHA256, BY_SIGNAL, MEDIA_SELECT } from './media-lookups.js';
import { upsertMediaMetadata } from './media-metadata.repository.js';
import {
  type DigestKind,
  mediaRow,
  type NewMedia,
  type NewMediaWithSignals,
  type NewSighting,
  type NewSignal,
  toCamera,
  toMedia,
  toSighting,
  toSignal,
} from './media-rows.js';
import type { VigilSchema } from './schema.js';
import { withAppErrors } from './storage-errors.js';
import { inTransaction } from './transaction.js';

export interface SignalHit {
  media: Media;
  signal: Signal;
}

export class MediaRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly dialect: DialectName,
    private readonly now: () => number = Date.now,
  ) {}

  /** A `conflict` AppError when a media with this SHA-256 is already stored. */
  insert(media: NewMedia): Promise<Media> {
    return withAppErrors('Adding media', async () => {
      const row = await this.db
        .insertInto('media')
        .values(mediaRow(media, this.now()))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toMedia(row);
    });
  }

  /** Many media with their signals, in batched transactions; never a conflict (see BulkMediaResult). */
  insertMany(items: readonly NewMediaWithSignals[], options?: BulkInsertOptions): Promise<BulkMediaResult[]> {
    return withAppErrors('Adding media in bulk', () =>
      bulkInsertMedia(this.db, this.dialect, items, this.now(), options),
    );
  }

  async findById(id: number): Promise<Media | null> {
    const row = await this.db.selectFrom('media').select(MEDIA_SELECT).where('id', '=', id).executeTakeFirst();
    return row ? toMedia(row) : null;
  }

  async findBySha256(sha256: string): Promise<Media | null> {
    const [row] = await BY_SHA256.execute(this.db, this.dialect, [sha256]);
    return row ? toMedia(row) : null;
  }

  /** MD5 and SHA-1 collide (known pairs exist), so these lookups return every match. */
  async findByDigest(kind: DigestKind, value: string): Promise<Media[]> {
    if (kind === 'sha256') {
      const found = await this.findBySha256(value);
      return found ? [found] : [];
    }
    const rows = await (kind === 'md5' ? BY_MD5 : BY_SHA1).execute(this.db, this.dialect, [value]);
    return rows.map(toMedia);
  }

  findByMd5(md5: string): Promise<Media[]> {
    return this.findByDigest('md5', md5);
  }

  findBySha1(sha1: string): Promise<Media[]> {
    return this.findByDigest('sha1', sha1);
  }

  /** Media by SHA-256 for a list of any length (chunked `IN`), keyed by SHA-256. */
  async findManyBySha256(values: readonly string[]): Promise<Map<string, Media>> {
    const found = new Map<string, Media>();
    for (const part of chunk([...new Set(values)], IN_LIST_CHUNK)) {
      const rows = await this.db.selectFrom('media').select(MEDIA_SELECT).where('sha256', 'in', part).execute();
      for (const r of rows) found.set(r.sha256, toMedia(r));
    }
    return found;
  }

  /** Every media with a signal of this type and exact value. */
  async findBySignal(type: string, value: string): Promise<SignalHit[]> {
    const rows = await BY_SIGNAL.execute(this.db, this.dialect, [type, value]);
    return rows.map((r) => ({
      media: toMedia(r),
      signal: { id: r.signal_id, mediaId: r.id, type: r.signal_type, value: r.signal_value, quality: r.signal_quality },
    }));
  }

  /** Adds signals to a media (those it already has are left as they are); returns how many were new. */
  addSignals(mediaId: number, signals: readonly NewSignal[]): Promise<number> {
    if (signals.length === 0) return Promise.resolve(0);
    return withAppErrors('Adding signals', async () => {
      const result = await this.db
        .insertInto('signals')
        .values(signals.map((s) => ({ media_id: mediaId, type: s.type, value: s.value, quality: s.quality ?? null })))
        .onConflict((oc) => oc.columns(['type', 'value', 'media_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0);
    });
  }

  async listSignals(mediaId: number): Promise<Signal[]> {
    const rows = await this.db
      .selectFrom('signals')
      .selectAll()
      .where('media_id', '=', mediaId)
      .orderBy('id')
      .execute();
    return rows.map(toSignal);
  }

  /** Sets (replaces) the camera details read from a media's metadata. */
  setCamera(mediaId: number, camera: CameraInfo): Promise<void> {
    return withAppErrors('Setting camera details', async () => {
      const values = {
        camera_make: camera.make,
        camera_model: camera.model,
        camera_serial: camera.serial,
        taken_at: camera.takenAt,
        updated_at: this.now(),
      };
      await upsertMediaMetadata(this.db, mediaId, values);
    });
  }

  async getCamera(mediaId: number): Promise<CameraInfo | null> {
    const row = await this.db
      .selectFrom('media_metadata')
      .selectAll()
      .where('media_id', '=', mediaId)
      .executeTakeFirst();
    return row ? toCamera(row) : null;
  }

  /** Media taken by a camera with this serial number (exact match). */
  async findByCameraSerial(serial: string): Promise<Media[]> {
    const rows = await this.db
      .selectFrom('media_metadata')
      .innerJoin('media', 'media.id', 'media_metadata.media_id')
      .select(MEDIA_SELECT)
      .where('media_metadata.camera_serial', '=', serial)
      .orderBy('media.id')
      .execute();
    return rows.map(toMedia);
  }

  /** Records a media seen in an exhibit, under the exhibit's agency; `not-found` without either. */
  addSighting(input: NewSighting): Promise<Sighting> {
    return withAppErrors('Adding a sighting', () =>
      inTransaction(this.db, async (trx) => {
        const exhibit = await trx
          .selectFrom('exhibits')
          .select('agency_id')
          .where('id', '=', input.exhibitId)
          .executeTakeFirst();
        if (!exhibit) throw new AppError('not-found', `Adding a sighting: there is no exhibit ${input.exhibitId}.`);
        const row = await trx
          .insertInto('sightings')
          .values({
            media_id: input.mediaId,
            exhibit_id: input.exhibitId,
            agency_id: exhibit.agency_id,
            path: input.path,
            file_created_at: input.fileCreatedAt ?? null,
            file_modified_at: input.fileModifiedAt ?? null,
            file_accessed_at: input.fileAccessedAt ?? null,
            seen_at: input.seenAt ?? this.now(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toSighting(row);
      }),
    );
  }

  /** Every sighting of a media, across exhibits and agencies, oldest first. */
  async listSightings(mediaId: number): Promise<Sighting[]> {
    const rows = await this.db
      .selectFrom('sightings')
      .selectAll()
      .where('media_id', '=', mediaId)
      .orderBy('seen_at')
      .orderBy('id')
      .execute();
    return rows.map(toSighting);
  }
}
