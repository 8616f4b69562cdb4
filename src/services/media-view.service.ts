/**
 * Viewing media (RULES 'media', scope: agencies that sighted it and those who may see a series it
 * belongs to). Every view is audited in the transaction that checks access, before anything is
 * handed out: the media page (`view`, with a `view` per sighting shown, since sightings carry
 * evidence paths), the blurred thumbnail (`view`), the revealed thumbnail and the original
 * content (`view-content`). Thumbnails are blurred unless revealed (DESIGN.md §7). The original
 * bytes go only to agencies that hold the media (a sighting in one of their exhibits), and only
 * when the hub stores them; an agency that sees the media through a shared series gets its page
 * and thumbnails, and asks the holder for the original. Not visible: `not-found`.
 */
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { scopeWhere } from '../access/scope-query.js';
import { AppError } from '../domain/app-error.js';
import type { ByteRangeSpec, ResolvedRange } from '../domain/byte-range.js';
import type { Media, Signal, VideoFacts } from '../domain/media.record.js';
import { blurThumbnail, greyscaleThumbnail, type ShownThumbnail } from '../media/thumbnail-blur.js';
import { AuditRepository } from '../storage/audit.repository.js';
import type { JsonObject } from '../storage/audit-hash.js';
import type { BlobStores } from '../storage/blob-store.js';
import type { VigilDatabase } from '../storage/database.js';
import { MediaCategoryRepository } from '../storage/media-category.repository.js';
import { MediaMetadataRepository, type StoredMediaMetadata } from '../storage/media-metadata.repository.js';
import { MediaThumbnailRepository } from '../storage/media-thumbnail.repository.js';
import { MediaVideoRepository, type StoredVideo } from '../storage/media-video.repository.js';
import {
  type MediaMatch,
  type MediaSeries,
  type MediaSighting,
  MediaViewRepository,
} from '../storage/media-view.repository.js';
import type { VigilSchema } from '../storage/schema.js';
import { MediaContentService } from './media-content.service.js';
import { auditViews } from './record-access.js';

/** Sightings and matches shown on a media page (the most recent; counts give the rest). */
export const MEDIA_PAGE_LIMIT = 100;

export interface MediaPage extends Media {
  signals: Signal[];
  metadata: StoredMediaMetadata | null;
  sightings: { items: MediaSighting[]; total: number };
  matches: MediaMatch[];
  series: MediaSeries[];
  /** A thumbnail is stored (GET …/thumbnail). */
  thumbnail: boolean;
  /** The caller's agency may download the original (GET …/content). */
  content: boolean;
  /** A video's facts and stills (GET …/thumbnail?still=i); null for anything else. */
  video: MediaVideoView | null;
  /** The caller's agency's own category of it (PUT …/category), if set. */
  category: { scheme: string; code: string; label: string } | null;
}

export interface MediaVideoView extends Omit<VideoFacts, 'durationSeconds'> {
  durationSeconds: number | null;
  frames: number;
  stills: { index: number; timestamp: number; width: number; height: number }[];
}

async function categoryOf(trx: Kysely<VigilSchema>, agencyId: number, mediaId: number) {
  const found = (await new MediaCategoryRepository(trx).of(agencyId, [mediaId])).get(mediaId);
  return found ? { scheme: found.scheme, code: found.code, label: found.label } : null;
}

function videoView(video: StoredVideo | null): MediaVideoView | null {
  if (!video) return null;
  return {
    ...video.facts,
    durationSeconds: video.facts.durationSeconds ?? null,
    frames: video.frames,
    stills: video.stills.map((s, index) => ({ index, timestamp: s.timestamp, width: s.width, height: s.height })),
  };
}

export interface MediaContent {
  stream: Readable;
  mime: string;
  /** The whole content's size; `range` is what the stream holds of it, when not all. */
  size: number;
  range?: ResolvedRange;
  sha256: string;
}

export class MediaViewService {
  private readonly db: Kysely<VigilSchema>;
  private readonly audit: AuditRepository;
  private readonly content: MediaContentService;

  constructor(
    database: VigilDatabase,
    private readonly blobs: BlobStores,
    now: () => number = Date.now,
  ) {
    this.db = database.db;
    this.audit = new AuditRepository(database.dialect, now);
    this.content = new MediaContentService(database.db, database.dialect, blobs.media, this.audit, now);
  }

  async view(actor: Actor, id: number): Promise<MediaPage> {
    return this.db.transaction().execute(async (trx) => {
      const repo = new MediaViewRepository(trx);
      const media = await this.visible(trx, actor, id);
      const sightings = await repo.sightings(scopeWhere(actor, 'read', 'sighting'), id, MEDIA_PAGE_LIMIT);
      const page: MediaPage = {
        ...media,
        signals: await repo.signals(id),
        metadata: await new MediaMetadataRepository(trx).get(id),
        sightings,
        matches: await repo.matches(scopeWhere(actor, 'read', 'match'), id, MEDIA_PAGE_LIMIT),
        series: await repo.series(scopeWhere(actor, 'read', 'series'), id),
        thumbnail: (await new MediaThumbnailRepository(trx).get(id)) !== null,
        content: (await repo.heldBy(id, actor.agencyId)) && (await this.blobs.media.has(media.sha256)),
        video: videoView(await new MediaVideoRepository(trx).get(id)),
        category: await categoryOf(trx, actor.agencyId, id),
      };
      await this.record(trx, actor, 'view', id, { sightings: sightings.items.length });
      await auditViews(trx, this.audit, actor, 'sighting', sightings.items);
      return page;
    });
  }

  /** The thumbnail, blurred unless `reveal`; a revealed one is a view of the content. */
  async thumbnail(
    actor: Actor,
    id: number,
    options: { reveal?: boolean | undefined; greyscale?: boolean | undefined; still?: number | undefined },
  ): Promise<ShownThumbnail | { bytes: Buffer; mime: string }> {
    const reveal = options.reveal === true;
    const still = options.still;
    const ref = await this.db.transaction().execute(async (trx) => {
      await this.visible(trx, actor, id);
      const found =
        still === undefined
          ? await new MediaThumbnailRepository(trx).get(id)
          : ((await new MediaVideoRepository(trx).get(id))?.stills[still] ?? null);
      if (!found) {
        throw new AppError(
          'not-found',
          still === undefined
            ? `Media ${id} has no thumbnail (it could not be decoded as a picture or video).`
            : `Media ${id} has no still ${still} (the media page lists a video's stills).`,
        );
      }
      await this.record(trx, actor, reveal ? 'view-content' : 'view', id, {
        part: still === undefined ? 'thumbnail' : 'still',
        ...(still === undefined ? {} : { still }),
        blurred: !reveal,
      });
      return found;
    });
    const bytes = await this.blobs.thumbnails.get(ref.blobSha256);
    if (!reveal) return blurThumbnail(bytes, { greyscale: options.greyscale === true });
    return options.greyscale ? greyscaleThumbnail(bytes) : { bytes, mime: ref.mime };
  }

  /** The original bytes, for an agency that holds the media and when the hub stores them. */
  /** The original, or bytes `range.start`–`range.end` of it (see MediaContentService.open). */
  async original(actor: Actor, id: number, range?: ByteRangeSpec): Promise<MediaContent> {
    const media = await this.db.transaction().execute(async (trx) => {
      const found = await this.visible(trx, actor, id);
      if (!(await new MediaViewRepository(trx).heldBy(id, actor.agencyId))) {
        throw new AppError(
          'forbidden',
          `Only agencies holding media ${id} (a sighting in one of their exhibits) may download it; ` +
            'ask the agency that owns its series.',
        );
      }
      return found;
    });
    if (!(await this.blobs.media.has(media.sha256))) {
      throw new AppError('not-found', `The hub holds only the hashes of media ${id}, not its content.`);
    }
    const opened = await this.content.open(actor, id, range);
    return { ...opened, mime: media.mime ?? 'application/octet-stream', sha256: media.sha256 };
  }

  private async visible(trx: Kysely<VigilSchema>, actor: Actor, id: number): Promise<Media> {
    const media = await new MediaViewRepository(trx).media(scopeWhere(actor, 'read', 'media'), id);
    if (!media) throw new AppError('not-found', `There is no media ${id} this account may see.`);
    return media;
  }

  private record(trx: Kysely<VigilSchema>, actor: Actor, action: string, id: number, details: JsonObject) {
    return this.audit.append(trx, {
      actor: { userId: actor.userId, agencyId: actor.agencyId },
      action,
      record: { kind: 'media', id, agencyId: null },
      details,
    });
  }
}
