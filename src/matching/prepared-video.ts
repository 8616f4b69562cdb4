/**
 * A video's frame list made ready for matching: its distinct usable hashes (vpdq-match's
 * `usableFeatures`: first of each exact hash, quality ≥ the minimum) and, for every frame, which
 * of them it carries, so that hits on distinct hashes map back to frame times.
 */
import type { VpdqFeature } from '../signals/vpdq/vpdq-feature.js';
import { usableFeatures } from '../signals/vpdq/vpdq-match.js';
import type { FrameVerdicts } from './time-ranges.js';

export interface PreparedVideo {
  /** Distinct usable frames, in frame order. */
  usable: VpdqFeature[];
  /** Seconds of every frame of the list, in order. */
  timestamps: Float64Array;
  /** For every frame: the number of its hash in `usable`, or -1 when that hash is not usable. */
  frameHash: Int32Array;
}

export function prepareVideo(features: readonly VpdqFeature[], minQuality: number): PreparedVideo {
  const usable = usableFeatures(features, minQuality);
  const number = new Map<string, number>(usable.map((f, i) => [f.hash, i]));
  const timestamps = new Float64Array(features.length);
  const frameHash = new Int32Array(features.length);
  features.forEach((f, i) => {
    timestamps[i] = f.timestamp;
    frameHash[i] = number.get(f.hash) ?? -1;
  });
  return { usable, timestamps, frameHash };
}

/** Per frame: 1 when its distinct hash matched, 0 when it did not, -1 when it was not usable. */
export function verdictsOf(video: PreparedVideo, matched: Uint8Array): FrameVerdicts {
  const out = new Int8Array(video.frameHash.length);
  for (let i = 0; i < out.length; i++) {
    const u = video.frameHash[i];
    out[i] = u < 0 ? -1 : matched[u];
  }
  return out;
}
