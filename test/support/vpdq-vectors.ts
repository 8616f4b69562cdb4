/**
 * The vPDQ conformance vectors (../shared/conformance/vpdq), read in place: sample videos, the
 * reference's hashes of each (`expected/<video>.txt` at native size, `<video>-128x128.txt` scaled),
 * and a frame-for-frame comparison of our hashes with them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdqHexDistance } from '../../src/signals/pdq/pdq-hash.js';
import { formatTimestamp, parseVpdqFeatures, type VpdqFeature } from '../../src/signals/vpdq/vpdq-feature.js';
import { VPDQ_VECTORS, vpdqConformanceMissing } from './paths.js';

export interface SampleVideo {
  /** File name without .mp4, as the expected files are named. */
  name: string;
  path: string;
}

export function sampleVideos(): SampleVideo[] {
  if (vpdqConformanceMissing) return [];
  return readdirSync(join(VPDQ_VECTORS, 'videos'))
    .filter((f) => f.endsWith('.mp4'))
    .sort()
    .map((f) => ({ name: f.slice(0, -4), path: join(VPDQ_VECTORS, 'videos', f) }));
}

/** The reference's features for `name` (e.g. "chair-19-sd-bar-128x128"), or undefined when absent. */
export function expectedFeatures(name: string): VpdqFeature[] | undefined {
  const file = join(VPDQ_VECTORS, 'expected', `${name}.txt`);
  return existsSync(file) ? parseVpdqFeatures(readFileSync(file, 'utf8')) : undefined;
}

export interface FrameComparison {
  frames: number;
  /** Frames whose quality equals the reference's. */
  sameQuality: number;
  /** Largest quality difference. */
  maxQualityGap: number;
  /** Frames within Hamming distance 31 of the reference's hash, all and among quality ≥ 50. */
  within31: number;
  usable: number;
  usableWithin31: number;
  maxDistance: number;
  meanDistance: number;
}

/** Frame-for-frame figures; assumes the same frame count (checked by the caller first). */
export function compareFrames(got: readonly VpdqFeature[], want: readonly VpdqFeature[]): FrameComparison {
  const c: FrameComparison = {
    frames: want.length,
    sameQuality: 0,
    maxQualityGap: 0,
    within31: 0,
    usable: 0,
    usableWithin31: 0,
    maxDistance: 0,
    meanDistance: 0,
  };
  let sum = 0;
  for (let i = 0; i < want.length; i++) {
    const d = pdqHexDistance(got[i].hash, want[i].hash);
    const gap = Math.abs(got[i].quality - want[i].quality);
    sum += d;
    c.maxDistance = Math.max(c.maxDistance, d);
    c.maxQualityGap = Math.max(c.maxQualityGap, gap);
    if (gap === 0) c.sameQuality++;
    if (d <= 31) c.within31++;
    if (want[i].quality >= 50) {
      c.usable++;
      if (d <= 31) c.usableWithin31++;
    }
  }
  c.meanDistance = want.length === 0 ? 0 : sum / want.length;
  return c;
}

/** Frame numbers and timestamps as the reference prints them, for an exact comparison. */
export function frameLabels(features: readonly VpdqFeature[]): string[] {
  return features.map((f) => `${f.frameNumber}@${formatTimestamp(f.timestamp)}`);
}

/** One row of match-expected.csv: the two reference rules' percentages for a pair of hash files. */
export interface MatchRow {
  query: string;
  target: string;
  /** C++ matcher: distance < 31, quality ≥ 50, duplicates counted. */
  cpp: [number, number];
  /** python-threatexchange: distance ≤ 31, quality ≥ 50, distinct hashes (the rule we follow). */
  pte: [number, number];
}

export function matchRows(): MatchRow[] {
  const text = readFileSync(join(VPDQ_VECTORS, 'match-expected.csv'), 'utf8');
  const [header, ...lines] = text.trim().split(/\r?\n/);
  if (header !== 'query,target,cpp_query_pct,cpp_target_pct,pte_query_pct,pte_compared_pct') {
    throw new Error(`match-expected.csv has an unexpected header: ${header}`);
  }
  return lines.map((l) => {
    const [query, target, cq, ct, pq, pc] = l.split(',');
    return { query, target, cpp: [Number(cq), Number(ct)], pte: [Number(pq), Number(pc)] };
  });
}
