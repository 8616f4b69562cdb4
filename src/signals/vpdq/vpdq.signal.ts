/**
 * vPDQ as a signal type. The value is the reference's frame list (vpdq-feature.ts: one
 * `frameNumber,quality,hash,timestamp` line per hashed frame, one frame per second by default).
 * Distance is 100 − the larger of the two match percentages of vpdq-match.ts, so it is symmetric,
 * 0 for a video and itself, and ≤ 20 exactly when one of the two, taken as the query, matches the
 * other under the default rule (query% ≥ 80). Equal lists are at 0 even with no usable frame.
 */
import type { SignalType } from '../signal-type.js';
import { formatVpdqFeatures, normaliseVpdqValue, parseVpdqFeatures } from './vpdq-feature.js';
import { hashVideo } from './vpdq-hasher.js';
import { matchVpdq, VPDQ_MIN_QUERY_PERCENT } from './vpdq-match.js';

export const vpdqSignalType: SignalType = {
  name: 'vpdq',
  contentTypes: ['video'],
  exact: false,
  defaultThreshold: 100 - VPDQ_MIN_QUERY_PERCENT,
  maxDistance: 100,
  normalize: normaliseVpdqValue,
  isValid(value) {
    try {
      parseVpdqFeatures(value);
      return true;
    } catch {
      return false;
    }
  },
  distance(a, b) {
    if (normaliseVpdqValue(a) === normaliseVpdqValue(b)) return 0;
    const r = matchVpdq(parseVpdqFeatures(a), parseVpdqFeatures(b));
    return 100 - Math.max(r.queryPercent, r.comparedPercent);
  },
  async fromFile(path) {
    const { features } = await hashVideo(path);
    return { type: 'vpdq', value: formatVpdqFeatures(features) };
  },
};
