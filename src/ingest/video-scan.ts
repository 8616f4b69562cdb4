/**
 * The video step of a scan, for one file, in one decode: the vPDQ frame list, the facts a report
 * shows (codec, size, frame rate, duration, sound), and thumbnails — a poster and a few stills
 * spread over the video, picked from the hashed frames as they stream past. Never throws for a
 * bad file: the result carries a typed error (no ffmpeg, not a video, damaged, too large, timed
 * out) and the scan goes on; the file keeps its cryptographic digests either way.
 */
import type { AppErrorCode } from '../domain/app-error.js';
import type { VideoFacts } from '../domain/media.record.js';
import { makeThumbnail, type Thumbnail } from '../media/thumbnail.js';
import { type Still, VideoStills } from '../media/video-stills.js';
import { describeFailure } from '../services/file-hasher.js';
import { formatVpdqFeatures } from '../signals/vpdq/vpdq-feature.js';
import { hashVideo, type VpdqHashOptions } from '../signals/vpdq/vpdq-hasher.js';

export interface VideoThumbnail extends Thumbnail {
  /** Seconds into the video. */
  timestamp: number;
}

export interface ScannedVideo {
  /** The vpdq signal value (vpdq-feature.ts text). */
  vpdq: string;
  frames: number;
  facts: VideoFacts;
  poster?: VideoThumbnail;
  stills: VideoThumbnail[];
  /** Damage ffmpeg reported but decoded around. */
  warnings: string[];
}

export type VideoScanResult = { video: ScannedVideo } | { error: { code: AppErrorCode; message: string } };

export interface VideoScanOptions {
  /** Make the poster and stills (default true). */
  thumbnails?: boolean;
  hash?: VpdqHashOptions;
}

async function thumbnailOf(still: Still): Promise<VideoThumbnail> {
  const thumb = await makeThumbnail({ ...still, channels: 3 });
  return { ...thumb, timestamp: still.timestamp };
}

export async function scanVideoFile(path: string, options: VideoScanOptions = {}): Promise<VideoScanResult> {
  const wantThumbnails = options.thumbnails !== false;
  let stills: VideoStills | undefined;
  try {
    const hashed = await hashVideo(path, {
      ...options.hash,
      onFrame: wantThumbnails
        ? (frame, feature, info) => {
            stills ??= new VideoStills(info.durationSeconds);
            stills.offer(frame, feature.timestamp, feature.quality);
          }
        : undefined,
    });
    const { video } = hashed;
    const picked = stills?.stills() ?? [];
    const thumbs = await Promise.all(picked.map(thumbnailOf));
    const posterStill = stills?.poster();
    return {
      video: {
        vpdq: formatVpdqFeatures(hashed.features),
        frames: hashed.features.length,
        facts: {
          container: video.container,
          codec: video.codec,
          width: video.width,
          height: video.height,
          frameRate: video.frameRate,
          durationSeconds: video.durationSeconds,
          hasAudio: video.hasAudio,
        },
        poster: posterStill ? thumbs[picked.indexOf(posterStill)] : undefined,
        stills: thumbs,
        warnings: hashed.warnings,
      },
    };
  } catch (cause) {
    return { error: describeFailure(cause) };
  }
}
