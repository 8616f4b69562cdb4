/**
 * Video-level vPDQ matching of two frame lists by brute force, with python-threatexchange's rule
 * (ALGORITHMS.md §2.3, `match_VPDQ_hash_brute`): drop exact duplicate hashes (first kept), keep
 * quality ≥ 50, a frame matches when some frame of the other video is within distance ≤ 31;
 * query% and compared% are the matched shares of each side; a match needs query% ≥ 80 (and
 * compared% ≥ 0). Why this rule and not the C++ one (`<` 31, no de-duplication): see README,
 * "Video hashing". matching/video-index does the same against many videos at once.
 */
import type { VpdqFeature } from './vpdq-feature.js';

export interface VpdqMatchOptions {
  /** Frames below this quality are ignored (default 50). */
  minQuality?: number;
  /** Largest frame distance that counts as the same frame, inclusive (default 31). */
  maxDistance?: number;
  /** A match needs query% at least this (default 80). */
  minQueryPercent?: number;
  /** …and compared% at least this (default 0). */
  minComparedPercent?: number;
}

export interface VpdqMatchResult {
  /** Share of the query's usable distinct frames found in the other video, 0–100. */
  queryPercent: number;
  /** Share of the other video's usable distinct frames found in the query, 0–100. */
  comparedPercent: number;
  isMatch: boolean;
}

export const VPDQ_MIN_QUALITY = 50;
export const VPDQ_MAX_FRAME_DISTANCE = 31;
export const VPDQ_MIN_QUERY_PERCENT = 80;
export const VPDQ_MIN_COMPARED_PERCENT = 0;

/** The rule's defaults filled in. */
export function matchRule(o: VpdqMatchOptions = {}): Required<VpdqMatchOptions> {
  return {
    minQuality: o.minQuality ?? VPDQ_MIN_QUALITY,
    maxDistance: o.maxDistance ?? VPDQ_MAX_FRAME_DISTANCE,
    minQueryPercent: o.minQueryPercent ?? VPDQ_MIN_QUERY_PERCENT,
    minComparedPercent: o.minComparedPercent ?? VPDQ_MIN_COMPARED_PERCENT,
  };
}

/** Distinct hashes (first occurrence kept), then those of quality ≥ `minQuality`, in frame order. */
export function usableFeatures(features: readonly VpdqFeature[], minQuality = VPDQ_MIN_QUALITY): VpdqFeature[] {
  const seen = new Set<string>();
  const out: VpdqFeature[] = [];
  for (const f of features) {
    if (seen.has(f.hash)) continue;
    seen.add(f.hash);
    if (f.quality >= minQuality) out.push(f);
  }
  return out;
}

/** The 8 32-bit words of each hash, one after another. */
function wordsOf(features: readonly VpdqFeature[]): Uint32Array {
  const out = new Uint32Array(features.length * 8);
  features.forEach((f, i) => {
    for (let w = 0; w < 8; w++) out[i * 8 + w] = Number.parseInt(f.hash.slice(w * 8, w * 8 + 8), 16);
  });
  return out;
}

function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function within(a: Uint32Array, i: number, b: Uint32Array, j: number, max: number): boolean {
  let d = 0;
  for (let w = 0; w < 8 && d <= max; w++) d += popcount32(a[i * 8 + w] ^ b[j * 8 + w]);
  return d <= max;
}

/** Percentages of two frame lists under the rule; 0 for a side with no usable frame. */
export function matchVpdq(
  query: readonly VpdqFeature[],
  compared: readonly VpdqFeature[],
  options: VpdqMatchOptions = {},
): VpdqMatchResult {
  const rule = matchRule(options);
  const q = wordsOf(usableFeatures(query, rule.minQuality));
  const c = wordsOf(usableFeatures(compared, rule.minQuality));
  const nq = q.length / 8;
  const nc = c.length / 8;
  const qHit = new Uint8Array(nq);
  const cHit = new Uint8Array(nc);
  for (let i = 0; i < nq; i++) {
    for (let j = 0; j < nc; j++) {
      if (within(q, i, c, j, rule.maxDistance)) {
        qHit[i] = 1;
        cHit[j] = 1;
      }
    }
  }
  const share = (hits: Uint8Array) => (hits.length === 0 ? 0 : (hits.reduce((t, h) => t + h, 0) * 100) / hits.length);
  const queryPercent = share(qHit);
  const comparedPercent = share(cHit);
  return {
    queryPercent,
    comparedPercent,
    isMatch: nq > 0 && queryPercent >= rule.minQueryPercent && comparedPercent >= rule.minComparedPercent,
  };
}
