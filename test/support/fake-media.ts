/**
 * Benign, deterministic media records for storage tests and the db bench: the digests are real
 * MD5 / SHA-1 / SHA-256 of a short text ("<tag>-<i>"), the signals PDQ-shaped values derived the
 * same way. No file content behind them.
 */
import { createHash } from 'node:crypto';
import type { NewMediaWithSignals } from '../../src/storage/media-rows.js';

const hex = (algorithm: string, text: string) => createHash(algorithm).update(text).digest('hex');

export const FAKE_SIGNALS_PER_MEDIA = 3;

export function fakeMedia(i: number, tag = 'media'): NewMediaWithSignals {
  const text = `${tag}-${i}`;
  return {
    sha256: hex('sha256', text),
    md5: hex('md5', text),
    sha1: hex('sha1', text),
    size: 1000 + i,
    mime: 'image/jpeg',
    width: 640,
    height: 480,
    signals: Array.from({ length: FAKE_SIGNALS_PER_MEDIA }, (_, k) => ({
      type: 'pdq',
      value: hex('sha256', `pdq-${text}-${k}`),
      quality: 100 - k,
    })),
  };
}

export function fakeMediaRange(from: number, count: number, tag = 'media'): NewMediaWithSignals[] {
  return Array.from({ length: count }, (_, k) => fakeMedia(from + k, tag));
}
