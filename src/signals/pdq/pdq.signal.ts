/**
 * PDQ as a signal type: 256-bit perceptual image hash, Hamming distance, match at ≤ 31 bits,
 * usable only when quality ≥ 50 (ALGORITHMS.md §1.10).
 */
import type { SignalType } from '../signal-type.js';
import { isPdqHex, normalisePdqHex, pdqHexDistance } from './pdq-hash.js';
import { pdqFromImage } from './pdq-image.js';

export const PDQ_MATCH_THRESHOLD = 31;
export const PDQ_MIN_QUALITY = 50;

export const pdqSignalType: SignalType = {
  name: 'pdq',
  contentTypes: ['image'],
  exact: false,
  defaultThreshold: PDQ_MATCH_THRESHOLD,
  maxDistance: 256,
  normalize: normalisePdqHex,
  isValid: (value) => isPdqHex(value.trim()),
  distance: pdqHexDistance,
  async fromFile(path, options) {
    const { hash, quality } = await pdqFromImage(path, { fast: options?.fast });
    return { type: 'pdq', value: hash, quality };
  },
};
