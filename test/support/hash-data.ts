/**
 * Seeded 256-bit hash collections for index tests and benchmarks, as flat words (8 × u32 per hash,
 * hash256.ts order). "random": independent uniform hashes. "clustered": near-duplicate families,
 * like a real collection: each family has a base hash and members a few to ~40 bits away from it,
 * some of them exact duplicates.
 */
import { seeded } from './seeded.js';

export type HashDataset = 'random' | 'clustered';

export interface HashData {
  hashes: Uint32Array;
  ids: Uint32Array;
  n: number;
}

/** A 32-bit generator (xorshift128+ folded), fast enough for 50M hashes. */
export function words32(seed: number): () => number {
  const r = seeded(seed);
  let x = (r() * 2 ** 32) >>> 0 || 1;
  let y = (r() * 2 ** 32) >>> 0 || 2;
  return () => {
    let t = x ^ (x << 11);
    x = y;
    t ^= t >>> 8;
    y = (y ^ (y >>> 19) ^ t) >>> 0;
    return (x + y) >>> 0;
  };
}

/** Flips `bits` distinct random bits of the hash at `out[o…o+8)`. */
export function flipBits(out: Uint32Array, o: number, bits: number, next: () => number): void {
  const seen = new Set<number>();
  while (seen.size < bits) seen.add(next() & 255);
  for (const b of seen) out[o + (b >>> 5)] ^= 1 << (b & 31);
}

export function makeHashes(n: number, dataset: HashDataset, seed = 1): HashData {
  const next = words32(seed);
  const hashes = new Uint32Array(n * 8);
  const ids = new Uint32Array(n);
  let i = 0;
  while (i < n) {
    const base = i * 8;
    for (let w = 0; w < 8; w++) hashes[base + w] = next();
    ids[i] = i;
    i++;
    if (dataset === 'random') continue;
    // A family of 1–16 more members around the base.
    const members = Math.min(n - i, next() % 16);
    for (let k = 0; k < members; k++, i++) {
      hashes.copyWithin(i * 8, base, base + 8);
      ids[i] = i;
      const spread = next() % 8;
      if (spread > 0) flipBits(hashes, i * 8, spread === 7 ? next() % 40 : next() % (spread * 4), next);
    }
  }
  return { hashes, ids, n };
}

/** A needle near entry `of` (planted: `flips` bits away) written into `out`. */
export function plantedNeedle(data: HashData, of: number, flips: number, next: () => number, out: Uint32Array): void {
  out.set(data.hashes.subarray(of * 8, of * 8 + 8));
  flipBits(out, 0, flips, next);
}
