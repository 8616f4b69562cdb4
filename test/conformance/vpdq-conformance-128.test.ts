/**
 * vPDQ of every sample video with frames scaled to 128×128 (the reference's `-s 128`), every
 * frame, against the reference's `-128x128` hashes (vpdq-frames.harness.ts). Scaling rounds
 * differently between ffmpeg builds, so qualities may differ by a few points on fading frames.
 */
import { framesSuite } from './vpdq-frames.harness.js';

framesSuite('vPDQ conformance at 128×128 (every frame)', { side: 128, maxQualityGap: 8 });
