/**
 * 256-bit hashes as 8 little-endian 32-bit words: bit k of the hash (PDQ's bit order, k = 16·i + j
 * for DCT row i, column j) is bit k & 31 of word k >> 5. Hamming distance is a popcount of XORs.
 */
import { normalisePdqHex } from '../signals/pdq/pdq-hash.js';

export const HASH_WORDS = 8;

/** Writes the 8 words of a 64-hex-digit hash into `out` at `offset` (hex is word 15 … word 0 of 16 bits). */
export function hexToWords(hex: string, out: Uint32Array = new Uint32Array(HASH_WORDS), offset = 0): Uint32Array {
  const v = normalisePdqHex(hex);
  for (let q = 0; q < HASH_WORDS; q++) {
    // 16-bit word 2q+1 is the high half, word 2q the low half; in the hex, word w starts at 4·(15 − w).
    const hi = Number.parseInt(v.slice(4 * (14 - 2 * q), 4 * (15 - 2 * q)), 16);
    const lo = Number.parseInt(v.slice(4 * (15 - 2 * q), 4 * (16 - 2 * q)), 16);
    out[offset + q] = ((hi << 16) | lo) >>> 0;
  }
  return out;
}

export function wordsToHex(words: Uint32Array, offset = 0): string {
  let hex = '';
  for (let q = HASH_WORDS - 1; q >= 0; q--) hex += words[offset + q].toString(16).padStart(8, '0');
  return hex;
}

export function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Hamming distance between the hash at `a[ai…]` and the one at `b[bi…]`. */
export function distanceAt(a: Uint32Array, ai: number, b: Uint32Array, bi: number): number {
  return (
    popcount32(a[ai] ^ b[bi]) +
    popcount32(a[ai + 1] ^ b[bi + 1]) +
    popcount32(a[ai + 2] ^ b[bi + 2]) +
    popcount32(a[ai + 3] ^ b[bi + 3]) +
    popcount32(a[ai + 4] ^ b[bi + 4]) +
    popcount32(a[ai + 5] ^ b[bi + 5]) +
    popcount32(a[ai + 6] ^ b[bi + 6]) +
    popcount32(a[ai + 7] ^ b[bi + 7])
  );
}

/** `width` bits (1–32) of the hash at `words[offset…]`, starting at bit `start`. */
export function chunkAt(words: Uint32Array, offset: number, start: number, width: number): number {
  const w = offset + (start >>> 5);
  const shift = start & 31;
  let v = words[w] >>> shift;
  if (shift + width > 32) v |= words[w + 1] << (32 - shift);
  return width === 32 ? v >>> 0 : v & ((1 << width) - 1);
}
