/**
 * The video part of one file's scan (issue #8), beside scan-file.ts's pictures: hash the video
 * once (vPDQ, facts, poster and stills; video-scan.ts), match its frame list against known videos,
 * and store its stills (blobs first, rows in the media's transaction). ffmpeg reads files, so an
 * upload held in memory is written to a private temp file (0600, in a 0700 folder named
 * `ingest-video-…`, which the hub's start-up sweep also removes after a kill) for the time of the
 * hash and always removed. A failure is the file's reason, never the scan's.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Thumbnail } from '../media/thumbnail.js';
import { describeFailure } from '../services/file-hasher.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { NewMatch } from '../storage/match.repository.js';
import type { ThumbnailRef } from '../storage/media-thumbnail.repository.js';
import { MediaVideoRepository, type StillRef } from '../storage/media-video.repository.js';
import type { VigilSchema } from '../storage/schema.js';
import type { VideoHit, VideoSource } from './known-videos.js';
import { type ScannedVideo, scanVideoFile, type VideoScanOptions } from './video-scan.js';

export interface PreparedVideo {
  video?: ScannedVideo;
  videoError?: string;
}

/** Hashes the video at `path`, or in `data` (through a temp file when ffmpeg needs one). */
export async function prepareVideo(
  path: string,
  data: Buffer | undefined,
  options: VideoScanOptions & { tempDir?: string },
): Promise<PreparedVideo> {
  let dir: string | undefined;
  try {
    let input = path;
    if (data) {
      if (options.tempDir) await mkdir(options.tempDir, { recursive: true, mode: 0o700 });
      dir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'ingest-video-'));
      input = join(dir, 'content');
      await writeFile(input, data, { mode: 0o600, flag: 'wx' });
    }
    const result = await scanVideoFile(input, options);
    return 'video' in result ? { video: result.video } : { videoError: result.error.message };
  } catch (cause) {
    return { videoError: describeFailure(cause).message };
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

/** Known videos this one matches, as match rows to write (the media id is filled in when stored). */
export async function videoFindings(
  source: VideoSource | undefined,
  agencyId: number,
  video: ScannedVideo,
): Promise<{ hits: VideoHit[]; matches: NewMatch[] }> {
  const hits = source ? await source.match(video.vpdq) : [];
  const matches: NewMatch[] = hits.map(({ mediaId, ...details }) => ({
    agencyId,
    mediaId: -1,
    target: { otherMediaId: mediaId },
    kind: 'vpdq',
    overlap: Math.round(details.queryPercent * 100) / 10_000,
    details,
  }));
  return { hits, matches };
}

/** The video's stills stored as thumbnail blobs (the poster is also the media's thumbnail). */
export async function storeVideoStills(
  store: BlobStore | undefined,
  video: ScannedVideo,
): Promise<{ poster?: ThumbnailRef; stills: StillRef[] }> {
  if (!store) return { stills: [] };
  const put = async (t: Thumbnail) => {
    const { sha256 } = await store.put(t.bytes);
    return { blobSha256: sha256, mime: t.mime, width: t.width, height: t.height };
  };
  const stills: StillRef[] = [];
  for (const s of video.stills) stills.push({ ...(await put(s)), timestamp: s.timestamp });
  const poster = video.poster ? await put(video.poster) : undefined;
  return { poster, stills };
}

/** The video's row, written in the media's transaction. */
export function recordVideo(trx: Kysely<VigilSchema>, mediaId: number, video: ScannedVideo, stills: StillRef[]) {
  return new MediaVideoRepository(trx).set(mediaId, {
    facts: video.facts,
    frames: video.frames,
    vpdq: video.vpdq,
    stills,
  });
}
