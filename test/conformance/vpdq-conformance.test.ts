/**
 * vPDQ of every sample video at native size, every frame, against the reference's hashes
 * (vpdq-frames.harness.ts); then video-level matching on our own hashes: the reference's
 * decision (python-threatexchange rule on its own hashes) for every pair of sample videos,
 * variants of one source matching and different sources never.
 */
import assert from 'node:assert/strict';
import type { VpdqFeature } from '../../src/signals/vpdq/vpdq-feature.js';
import { hashVideo } from '../../src/signals/vpdq/vpdq-hasher.js';
import { matchVpdq } from '../../src/signals/vpdq/vpdq-match.js';
import { matchRows, sampleVideos } from '../support/vpdq-vectors.js';
import { framesSuite } from './vpdq-frames.harness.js';

/** Pairs the reference finds matching: re-encodes, grey, sepia, a small logo, a longer cut. */
const SAME_SOURCE: Array<[string, string]> = [
  ['chair-orig-22-sd-bar', 'chair-22-sd-grey-bar'],
  ['chair-orig-22-sd-bar', 'chair-22-sd-sepia-bar'],
  ['chair-orig-22-sd-bar', 'chair-22-with-small-logo-bar'],
  ['chair-19-sd-bar', 'chair-orig-22-sd-bar'],
  ['pattern-sd-grey-bar', 'pattern-sd-with-small-logo-bar'],
  ['pattern-hd-no-bar', 'pattern-longer-no-bar'],
];

const sourceOf = (name: string) => name.split('-')[0];

function videoLevel(ours: ReadonlyMap<string, VpdqFeature[]>): void {
  const wrong: string[] = [];
  let pairs = 0;
  for (const row of matchRows()) {
    const q = ours.get(row.query.replace(/\.txt$/, ''));
    const c = ours.get(row.target.replace(/\.txt$/, ''));
    if (!q || !c) continue; // expected hashes of two videos that are not among the samples
    pairs++;
    const m = matchVpdq(q, c);
    const gap = Math.max(Math.abs(m.queryPercent - row.pte[0]), Math.abs(m.comparedPercent - row.pte[1]));
    if (m.isMatch !== row.pte[0] >= 80 || gap > 5) {
      wrong.push(`${row.query} vs ${row.target}: ${m.queryPercent.toFixed(2)}/${m.comparedPercent.toFixed(2)}`);
    }
    if (sourceOf(row.query) !== sourceOf(row.target)) assert.equal(m.isMatch, false, `${row.query} vs ${row.target}`);
  }
  assert.ok(pairs >= 196, `${pairs} pairs compared`);
  assert.deepEqual(wrong, [], 'decisions or percentages (±5) that differ from the reference');
  for (const [a, b] of SAME_SOURCE) {
    const [qa, qb] = [ours.get(a) ?? [], ours.get(b) ?? []];
    assert.ok(matchVpdq(qa, qb).isMatch && matchVpdq(qb, qa).isMatch, `${a} and ${b} match both ways`);
  }
}

/** Keyframe mode decodes keyframes alone: each of its features must be our every-frame feature. */
async function keyframesAreFrames(ours: ReadonlyMap<string, VpdqFeature[]>): Promise<void> {
  for (const video of sampleVideos()) {
    const all = ours.get(video.name) ?? [];
    const { features } = await hashVideo(video.path, { keyframes: true, secondsPerHash: 0 });
    assert.ok(features.length >= 1 && features[0].frameNumber === 0, video.name);
    assert.deepEqual(
      features,
      features.map((f) => all[f.frameNumber]),
      video.name,
    );
  }
}

framesSuite('vPDQ conformance at native size (every frame)', {
  maxQualityGap: 1,
  afterwards: {
    'video-level matching on our own hashes: the reference decisions': videoLevel,
    'keyframe mode gives exactly the every-frame features of the keyframes': keyframesAreFrames,
  },
});
