/**
 * The write of one scanned file (DESIGN.md §5): its media (unless known), signals, thumbnail,
 * metadata, video row, sighting, matches and scan row in ONE transaction, then whatever the
 * target adds (the hub's alerts and audit event). Blobs are stored before, by the caller.
 */

import type { FileMatch } from '../domain/file-match.record.js';
import type { MediaMetadata } from '../media/metadata.js';
import type { Thumbnail } from '../media/thumbnail.js';
import type { BlobStore } from '../storage/blob-store.js';
import { MatchRepository, type NewMatch } from '../storage/match.repository.js';
import { MediaRepository } from '../storage/media.repository.js';
import { MediaMetadataRepository } from '../storage/media-metadata.repository.js';
import { MediaThumbnailRepository, type ThumbnailRef } from '../storage/media-thumbnail.repository.js';
import type { StillRef } from '../storage/media-video.repository.js';
import { ScanFileRepository } from '../storage/scan-file.repository.js';
import type { FileOutcome, ScanInputFile, ScanTarget } from './scan-types.js';
import { recordVideo } from './scan-video.js';
import type { FileStatus } from './triage.js';
import type { ScannedVideo } from './video-scan.js';

export function base(target: ScanTarget, file: ScanInputFile) {
  return { exhibitId: target.exhibitId, agencyId: target.agencyId, path: file.logicalPath, scannedAt: Date.now() };
}

export interface NewContent {
  pdq?: { hash: string; quality: number };
  image?: { format: string; width: number; height: number };
  video?: ScannedVideo;
  mime?: string;
  stills?: StillRef[];
  size: number;
  digests: { sha256: string; md5: string; sha1: string };
  metadata?: MediaMetadata;
  thumbnail?: ThumbnailRef;
}

/** Media (unless known), signals, sighting, matches and the scan row, all or nothing. */
export async function store(
  target: ScanTarget,
  file: ScanInputFile,
  outcome: FileOutcome,
  t: { status: FileStatus; reasons: string[]; matches?: FileMatch[] },
  existingId: number | undefined,
  content: NewContent | undefined,
  matches: NewMatch[],
): Promise<FileOutcome> {
  const mediaId = await target.db.transaction().execute(async (trx) => {
    const media = new MediaRepository(trx, target.dialect);
    let id = existingId;
    if (id === undefined && content) {
      const row = await media.insert({
        ...content.digests,
        size: content.size,
        mime: content.image ? `image/${content.image.format}` : (content.mime ?? null),
        width: content.image?.width ?? content.video?.facts.width ?? null,
        height: content.image?.height ?? content.video?.facts.height ?? null,
        durationMs: durationMs(content.video),
      });
      id = row.id;
    }
    if (id === undefined) throw new Error('scan: a stored file has neither existing nor new media');
    if (content?.pdq)
      await media.addSignals(id, [{ type: 'pdq', value: content.pdq.hash, quality: content.pdq.quality }]);
    if (content?.thumbnail) await new MediaThumbnailRepository(trx).set(id, content.thumbnail);
    if (content?.video) await recordVideo(trx, id, content.video, content.stills ?? []);
    if (content?.metadata) {
      const { width: _w, height: _h, ...stored } = content.metadata;
      await new MediaMetadataRepository(trx).set(id, stored);
    }
    await media.addSighting({
      mediaId: id,
      exhibitId: target.exhibitId,
      path: file.logicalPath,
      // Whole milliseconds: file systems give fractions, which PostgreSQL's bigint column refuses.
      fileModifiedAt: file.modifiedAt == null ? null : Math.floor(file.modifiedAt),
    });
    const own = matches.map((m) => ({ ...m, mediaId: id as number })).filter((m) => m.target.otherMediaId !== id);
    await new MatchRepository(trx, target.dialect).createMany(own);
    await new ScanFileRepository(trx).record({
      ...base(target, file),
      status: t.status,
      reasons: t.reasons,
      matches: t.matches,
      mediaId: id,
      sha256: outcome.sha256 ?? null,
      size: outcome.size ?? null,
    });
    await target.onStored?.(trx, { mediaId: id, created: existingId === undefined, status: t.status });
    return id;
  });
  return Object.assign(outcome, t, { mediaId });
}

/** Blob first, row second: the thumbnail is stored (encrypted) before the media's transaction. */
export async function storeThumbnail(store: BlobStore, thumb: Thumbnail): Promise<ThumbnailRef> {
  const { sha256 } = await store.put(thumb.bytes);
  return { blobSha256: sha256, mime: thumb.mime, width: thumb.width, height: thumb.height };
}

function durationMs(video: ScannedVideo | undefined): number | null {
  const s = video?.facts.durationSeconds;
  return s === undefined ? null : Math.round(s * 1000);
}
