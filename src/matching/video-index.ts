/**
 * vPDQ matching of one query video against every known video at once: the distinct usable frame
 * hashes of all known videos live in one Hamming multi-index (multi-index.ts), each query frame
 * is looked up once, and the hits are tallied per video. Percentages follow the same rule as the
 * brute-force vpdq-match.ts (distinct hashes, quality ≥ 50, distance ≤ 31, query% ≥ 80), so both
 * give identical numbers; results add the matched time ranges in both videos.
 */
import { AppError } from '../domain/app-error.js';
import type { VpdqFeature } from '../signals/vpdq/vpdq-feature.js';
import { matchRule, type VpdqMatchOptions } from '../signals/vpdq/vpdq-match.js';
import { HASH_WORDS, hexToWords } from './hash256.js';
import { checkDistance } from './index-args.js';
import { MultiIndex, type MultiIndexOptions } from './multi-index.js';
import { type PreparedVideo, prepareVideo, verdictsOf } from './prepared-video.js';
import { matchedRanges, type TimeRange } from './time-ranges.js';

export interface VideoMatch {
  videoId: number;
  /** Share of the query's usable distinct frames found in this video, 0–100. */
  queryPercent: number;
  /** Share of this video's usable distinct frames found in the query, 0–100. */
  comparedPercent: number;
  isMatch: boolean;
  /** Where the matching frames are, in the query and in this video. */
  queryRanges: TimeRange[];
  comparedRanges: TimeRange[];
}

export interface VideoQueryOptions extends VpdqMatchOptions {
  /** Also return videos that share frames but do not reach the thresholds (default false). */
  includeNonMatches?: boolean;
}

interface Hits {
  query: Uint8Array;
  compared: Uint8Array;
}

export class VideoIndex {
  private readonly frames: MultiIndex;
  private readonly videos = new Map<number, PreparedVideo & { firstEntry: number }>();
  /** Per index entry: the video it belongs to (-1 once removed) and its distinct-hash number there. */
  private entryVideo: number[] = [];
  private entryHash: number[] = [];
  private readonly minQuality: number;

  /** `minQuality` is fixed per index: it decides which frames are stored. */
  constructor(options: { minQuality?: number; multiIndex?: MultiIndexOptions } = {}) {
    this.minQuality = matchRule(options).minQuality;
    this.frames = new MultiIndex(options.multiIndex);
  }

  /** Known videos. */
  get size(): number {
    return this.videos.size;
  }

  /** Distinct usable frame hashes held, over all videos. */
  get frameCount(): number {
    return this.frames.size;
  }

  has(videoId: number): boolean {
    return this.videos.has(videoId);
  }

  /** Adds a video's frames (already known ids are refused: remove first). */
  add(videoId: number, features: readonly VpdqFeature[]): void {
    if (this.videos.has(videoId)) throw new AppError('conflict', `Video ${videoId} is already in the index.`);
    const video = prepareVideo(features, this.minQuality);
    const firstEntry = this.entryVideo.length;
    for (let u = 0; u < video.usable.length; u++) {
      this.entryVideo.push(videoId);
      this.entryHash.push(u);
      this.frames.add(firstEntry + u, video.usable[u].hash);
    }
    this.videos.set(videoId, { ...video, firstEntry });
  }

  /** Removes a video; returns false when it was not there. */
  remove(videoId: number): boolean {
    const video = this.videos.get(videoId);
    if (!video) return false;
    for (let u = 0; u < video.usable.length; u++) {
      this.frames.remove(video.firstEntry + u);
      this.entryVideo[video.firstEntry + u] = -1;
    }
    this.videos.delete(videoId);
    return true;
  }

  /**
   * Videos sharing frames with the query, best first (matches, then query%, compared%, id).
   * Thresholds other than `minQuality` may change per query.
   */
  query(features: readonly VpdqFeature[], options: VideoQueryOptions = {}): VideoMatch[] {
    const rule = matchRule({ ...options, minQuality: this.minQuality });
    const query = prepareVideo(features, this.minQuality);
    const hits = this.tally(query, checkDistance(rule.maxDistance));
    const out: VideoMatch[] = [];
    const nq = query.usable.length;
    for (const [videoId, h] of hits) {
      const video = this.videos.get(videoId) as PreparedVideo;
      const queryPercent = (count(h.query) * 100) / nq;
      const comparedPercent = (count(h.compared) * 100) / video.usable.length;
      const isMatch = queryPercent >= rule.minQueryPercent && comparedPercent >= rule.minComparedPercent;
      if (!isMatch && !options.includeNonMatches) continue;
      out.push({
        videoId,
        queryPercent,
        comparedPercent,
        isMatch,
        queryRanges: matchedRanges(query.timestamps, verdictsOf(query, h.query)),
        comparedRanges: matchedRanges(video.timestamps, verdictsOf(video, h.compared)),
      });
    }
    return out.sort(
      (a, b) =>
        Number(b.isMatch) - Number(a.isMatch) ||
        b.queryPercent - a.queryPercent ||
        b.comparedPercent - a.comparedPercent ||
        a.videoId - b.videoId,
    );
  }

  /** For each video hit: which distinct query hashes and which of its own distinct hashes matched. */
  private tally(query: PreparedVideo, maxDistance: number): Map<number, Hits> {
    const hits = new Map<number, Hits>();
    const needle = new Uint32Array(HASH_WORDS);
    for (let q = 0; q < query.usable.length; q++) {
      hexToWords(query.usable[q].hash, needle);
      for (const m of this.frames.queryWords(needle, maxDistance)) {
        const videoId = this.entryVideo[m.id];
        if (videoId === undefined || videoId < 0) continue;
        let h = hits.get(videoId);
        if (!h) {
          const size = (this.videos.get(videoId) as PreparedVideo).usable.length;
          h = { query: new Uint8Array(query.usable.length), compared: new Uint8Array(size) };
          hits.set(videoId, h);
        }
        h.query[q] = 1;
        h.compared[this.entryHash[m.id]] = 1;
      }
    }
    return hits;
  }
}

function count(flags: Uint8Array): number {
  let n = 0;
  for (const f of flags) n += f;
  return n;
}
