/**
 * The 256-bit PDQ hash value: 16 words of 16 bits (word i = DCT row i, bit j = column j), written
 * as 64 lower-case hex digits from word 15 down to word 0 (ALGORITHMS.md §1.7).
 */
import { AppError } from '../../domain/app-error.js';

export const PDQ_HEX_LENGTH = 64;
const HEX_RE = /^[0-9a-fA-F]{64}$/;

/** Sets bit k = 16·i + j when dct[i][j] is strictly above the median (the 128th smallest value). */
export function pdqWordsFromDct(dct: Float32Array): Uint16Array {
  const median = torbenMedian256(dct);
  const words = new Uint16Array(16);
  for (let i = 0; i < 16; i++) {
    let w = 0;
    for (let j = 0; j < 16; j++) if (dct[i * 16 + j] > median) w |= 1 << j;
    words[i] = w;
  }
  return words;
}

/** The value Torben's method selects for n = 256: exactly the 128th smallest element. */
function torbenMedian256(values: Float32Array): number {
  const sorted = Float32Array.from(values).sort();
  return sorted[127];
}

export function pdqWordsToHex(words: Uint16Array): string {
  let hex = '';
  for (let i = 15; i >= 0; i--) hex += words[i].toString(16).padStart(4, '0');
  return hex;
}

export function isPdqHex(value: string): boolean {
  return HEX_RE.test(value);
}

/** Lower-cases and checks a PDQ hex string; throws `invalid-signal` naming what is wrong. */
export function normalisePdqHex(value: string): string {
  const v = value.trim();
  if (!HEX_RE.test(v)) {
    const why =
      v.length !== PDQ_HEX_LENGTH
        ? `it has ${v.length} characters, a PDQ hash has ${PDQ_HEX_LENGTH}`
        : 'it holds characters other than 0-9 and a-f';
    throw new AppError('invalid-signal', `Not a PDQ hash: ${why}.`);
  }
  return v.toLowerCase();
}

export function pdqHexToWords(hex: string): Uint16Array {
  const v = normalisePdqHex(hex);
  const words = new Uint16Array(16);
  for (let i = 0; i < 16; i++) words[15 - i] = Number.parseInt(v.slice(i * 4, i * 4 + 4), 16);
  return words;
}

function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Hamming distance (0–256) between two PDQ hex strings. */
export function pdqHexDistance(a: string, b: string): number {
  const x = normalisePdqHex(a);
  const y = normalisePdqHex(b);
  let d = 0;
  for (let i = 0; i < 64; i += 8) {
    d += popcount32((Number.parseInt(x.slice(i, i + 8), 16) ^ Number.parseInt(y.slice(i, i + 8), 16)) >>> 0);
  }
  return d;
}

/** Number of set bits (the reference's "norm"); 128 for any image with distinct DCT values. */
export function pdqNorm(hex: string): number {
  return pdqHexDistance(hex, '0'.repeat(64));
}
