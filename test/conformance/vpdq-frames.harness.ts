/**
 * The frame-for-frame vPDQ conformance suite, run once per hashing size (native, 128×128) from its
 * own test file so the two run side by side. Every sample video hashed at every frame must give
 * the reference's frame count, frame numbers and timestamps exactly; ≥ 99% of its usable frames
 * (reference quality ≥ 50) within distance 31; qualities identical on ≥ 98% of all frames and
 * never far apart. The expected files were made with another ffmpeg build than Debian's, so
 * hashes are compared at matching level, not bit for bit (conformance README).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { VpdqFeature } from '../../src/signals/vpdq/vpdq-feature.js';
import { hashVideo } from '../../src/signals/vpdq/vpdq-hasher.js';
import { vpdqConformanceMissing } from '../support/paths.js';
import { compareFrames, expectedFeatures, frameLabels, sampleVideos } from '../support/vpdq-vectors.js';

export interface FramesSuiteOptions {
  /** Hash frames scaled to side × side (the reference's `-s`); native size when absent. */
  side?: number;
  /** Largest quality difference allowed on any frame (decoders and scalers round differently). */
  maxQualityGap: number;
  /** More tests, run after every video is hashed, given our features by video name. */
  afterwards?: Record<string, (ours: ReadonlyMap<string, VpdqFeature[]>) => void | Promise<void>>;
}

export function framesSuite(title: string, o: FramesSuiteOptions): void {
  describe(title, { skip: vpdqConformanceMissing }, () => {
    const suffix = o.side ? `-${o.side}x${o.side}` : '';
    const videos = sampleVideos().filter((v) => expectedFeatures(`${v.name}${suffix}`) !== undefined);
    const ours = new Map<string, VpdqFeature[]>();
    const total = { frames: 0, within31: 0, sameQuality: 0 };

    test('the sample videos and their expected hashes are there', () => {
      assert.ok(videos.length >= (o.side ? 13 : 14), `${videos.length} videos with expected hashes`);
    });

    for (const video of videos) {
      test(`${video.name}${suffix}: same frames and timestamps, hashes within 31, qualities alike`, async (t) => {
        const want = expectedFeatures(`${video.name}${suffix}`) as VpdqFeature[];
        const size = o.side ? { width: o.side, height: o.side } : {};
        const { features: got } = await hashVideo(video.path, { secondsPerHash: 0, ...size });
        ours.set(video.name, got);
        assert.equal(got.length, want.length, 'frame count');
        assert.deepEqual(frameLabels(got), frameLabels(want), 'frame numbers and timestamps');
        const c = compareFrames(got, want);
        t.diagnostic(
          `${c.frames} frames: ${c.within31} within 31 (${c.usableWithin31}/${c.usable} usable), ` +
            `distance max ${c.maxDistance} mean ${c.meanDistance.toFixed(2)}, ` +
            `quality identical on ${c.sameQuality} (max gap ${c.maxQualityGap})`,
        );
        assert.ok(c.usableWithin31 >= 0.99 * c.usable, `${c.usableWithin31}/${c.usable} usable frames within 31`);
        assert.ok(c.maxQualityGap <= o.maxQualityGap, `quality gap ${c.maxQualityGap}`);
        total.frames += c.frames;
        total.within31 += c.within31;
        total.sameQuality += c.sameQuality;
      });
    }

    test('over all videos: ≥ 99% of frames within 31 and ≥ 98% with the identical quality', (t) => {
      assert.equal(ours.size, videos.length, 'every video hashed');
      t.diagnostic(`${total.frames} frames, ${total.within31} within 31, ${total.sameQuality} same quality`);
      assert.ok(total.within31 >= 0.99 * total.frames, `${total.within31}/${total.frames}`);
      assert.ok(total.sameQuality >= 0.98 * total.frames, `${total.sameQuality}/${total.frames}`);
    });

    for (const [name, check] of Object.entries(o.afterwards ?? {})) test(name, () => check(ours));
  });
}
