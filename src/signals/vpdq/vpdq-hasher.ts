/**
 * vPDQ of a video file the way the reference does it (ALGORITHMS.md §2.1): ffprobe for the frame
 * rate, ffmpeg for RGB24 frames (media/video-frames), PDQ of each sampled frame with no 512×512
 * pre-resize, `timestamp = frameNumber / frameRate`. Frames stream through one at a time, so
 * memory does not grow with the video's length; only the features are kept.
 */
import { AppError } from '../../domain/app-error.js';
import { readVideoFrames, type VideoFrame } from '../../media/video-frames.js';
import { keyframeTimes } from '../../media/video-keyframes.js';
import { probeVideo, type VideoInfo } from '../../media/video-probe.js';
import { pdqHexDistance } from '../pdq/pdq-hash.js';
import { PDQ_MIN_SIDE } from '../pdq/pdq-hasher.js';
import { pdqFromPixels } from '../pdq/pdq-image.js';
import type { VpdqFeature } from './vpdq-feature.js';

export interface VpdqHashOptions {
  /**
   * Hash one frame every this many seconds: frame n is hashed iff n % int(s · fps) == 0 (at least
   * 1). 0 hashes every frame (the reference CLI's `-r 0`). Default 1, as the reference's Python
   * binding and python-threatexchange.
   */
  secondsPerHash?: number;
  /**
   * Fast triage: decode and hash only the keyframes, at most one per `secondsPerHash` (not the
   * reference's sampling). A keyframe decodes on its own, so each feature equals the every-frame
   * feature of that frame; frame numbers come from keyframe times, round((t − start) · fps).
   */
  keyframes?: boolean;
  /** Hash frames scaled to this size (the reference's `-s` / downsample width and height). */
  width?: number;
  height?: number;
  /**
   * Drop a frame whose hash is within this distance of the last kept frame (the pruning the
   * vPDQ README describes; the reference does none). Off by default.
   */
  pruneDistance?: number;
  /** Largest frame (width × height) decoded; larger videos are refused (default 7680 × 4320). */
  maxPixels?: number;
  /** Hard limit for decoding and hashing (default 60 s + 4 s per second of video, at most 6 h). */
  timeoutMs?: number;
  /** Fail when ffmpeg produces nothing for this long (default 60 s). */
  stallMs?: number;
  /** Decoder threads (default 1). */
  threads?: number;
  searchPath?: string;
  signal?: AbortSignal;
  /**
   * Sees every hashed frame with its feature, before the frame's buffer is reused (e.g. to keep
   * a few shrunk stills for thumbnails without decoding again), and what the probe found. Must not
   * keep `frame.data`.
   */
  onFrame?: (frame: VideoFrame, feature: VpdqFeature, video: VideoInfo) => void;
}

export interface VpdqHashResult {
  features: VpdqFeature[];
  video: VideoInfo;
  /** Every how many decoded frames one was hashed. */
  frameMod: number;
  /** Frames hashed, before pruning. */
  framesHashed: number;
  /** Damage ffmpeg reported but decoded around (a cut-short or partly corrupt file); at most 20. */
  warnings: string[];
}

export const DEFAULT_SECONDS_PER_HASH = 1;
export const DEFAULT_MAX_VIDEO_PIXELS = 7680 * 4320;
const MAX_TIMEOUT_MS = 6 * 3600_000;

/** The reference's frameMod: int(secondsPerHash · frameRate), never below 1. */
export function frameModFor(secondsPerHash: number, frameRate: number): number {
  return Math.max(1, Math.trunc(secondsPerHash * frameRate));
}

export function defaultTimeoutMs(durationSeconds: number | undefined): number {
  if (durationSeconds === undefined) return 3600_000;
  return Math.min(MAX_TIMEOUT_MS, 60_000 + 4_000 * durationSeconds);
}

function checkOptions(o: VpdqHashOptions): void {
  const s = o.secondsPerHash ?? DEFAULT_SECONDS_PER_HASH;
  if (!(Number.isFinite(s) && s >= 0)) {
    throw new AppError('bad-usage', `secondsPerHash is a number ≥ 0 (0: every frame), not ${s}.`);
  }
  for (const side of [o.width, o.height]) {
    if (side !== undefined && !(Number.isInteger(side) && side >= PDQ_MIN_SIDE && side <= 65_535)) {
      throw new AppError('bad-usage', `A hashing size is a whole number from ${PDQ_MIN_SIDE} to 65535, not ${side}.`);
    }
  }
  const d = o.pruneDistance;
  if (d !== undefined && !(Number.isInteger(d) && d >= 0 && d <= 256)) {
    throw new AppError('bad-usage', `pruneDistance is a whole number from 0 to 256, not ${d}.`);
  }
}

/** Hashes `path`; every failure (no ffmpeg, not a video, damage, timeout) is a typed AppError. */
export async function hashVideo(path: string, options: VpdqHashOptions = {}): Promise<VpdqHashResult> {
  checkOptions(options);
  const video = await probeVideo(path, { searchPath: options.searchPath });
  const width = options.width ?? video.width;
  const height = options.height ?? video.height;
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_VIDEO_PIXELS;
  if (video.width * video.height > maxPixels || width * height > maxPixels) {
    throw new AppError(
      'video-too-large',
      `Video frames of ${video.width}×${video.height} exceed the limit of ${maxPixels} pixels; the file was skipped.`,
    );
  }
  if (width < PDQ_MIN_SIDE || height < PDQ_MIN_SIDE) {
    throw new AppError('corrupt-video', `Frames of ${width}×${height} are too small to hash (PDQ needs 5×5).`);
  }
  const frameMod = frameModFor(options.secondsPerHash ?? DEFAULT_SECONDS_PER_HASH, video.frameRate);
  const keyframeNumbers = options.keyframes
    ? (await keyframeTimes(path, video.streamIndex, { searchPath: options.searchPath })).map((t) =>
        Math.round((t - video.startSeconds) * video.frameRate),
      )
    : undefined;
  const frames = readVideoFrames(path, {
    keyframeNumbers,
    streamIndex: video.streamIndex,
    width,
    height,
    every: frameMod,
    timeoutMs: options.timeoutMs ?? defaultTimeoutMs(video.durationSeconds),
    stallMs: options.stallMs,
    threads: options.threads,
    searchPath: options.searchPath,
    signal: options.signal,
  });
  const features: VpdqFeature[] = [];
  let framesHashed = 0;
  let lastKept: string | undefined;
  let step = await frames.next();
  let lastNumber = -1;
  for (; !step.done; step = await frames.next()) {
    const f = step.value;
    // Keyframe mode: skip unnumbered keyframes and those closer than frameMod to the last hashed.
    if (keyframeNumbers && (f.frameNumber < 0 || (lastNumber >= 0 && f.frameNumber - lastNumber < frameMod))) continue;
    lastNumber = f.frameNumber;
    const { hash, quality } = pdqFromPixels(
      { data: f.data, width: f.width, height: f.height, channels: 3 },
      { referenceResize: false },
    );
    framesHashed++;
    const feature = { frameNumber: f.frameNumber, quality, hash, timestamp: f.frameNumber / video.frameRate };
    options.onFrame?.(f, feature, video);
    const prune = options.pruneDistance;
    if (prune !== undefined && lastKept !== undefined && pdqHexDistance(hash, lastKept) <= prune) continue;
    lastKept = hash;
    features.push(feature);
  }
  if (features.length === 0) {
    const why = step.value.messages[0];
    throw new AppError('corrupt-video', `No frame could be decoded from the video${why ? `: ${why}` : ''}.`);
  }
  return { features, video, frameMod, framesHashed, warnings: step.value.messages.slice(0, 20) };
}
