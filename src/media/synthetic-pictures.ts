/**
 * Benign synthetic pictures made on the fly (the demo data set, tests, benchmarks): smooth sums of
 * sine waves and soft spots, photo-like enough for PDQ, different for every seed, and the same on
 * every machine.
 */
import type { Pixels } from '../signals/pdq/pdq-luma.js';

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sums of a few random 2-D sine waves and gaussian blobs: photo-like, smooth, not symmetric. */
export function blobs(width: number, height: number, seed = 1): Pixels {
  const rnd = seeded(seed);
  const waves = Array.from({ length: 6 }, () => ({ fx: rnd() * 6, fy: rnd() * 6, p: rnd() * 6.28, c: rnd() }));
  const spots = Array.from({ length: 5 }, () => ({ x: rnd(), y: rnd(), r: 0.05 + rnd() * 0.2, c: rnd() }));
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x / width;
      const v = y / height;
      const o = (y * width + x) * 3;
      for (let ch = 0; ch < 3; ch++) {
        let s = 0.5;
        for (const w of waves) s += 0.12 * Math.sin(6.28 * (w.fx * u + w.fy * v) + w.p + ch * w.c);
        for (const b of spots) s += 0.4 * (b.c - 0.5) * Math.exp(-((u - b.x) ** 2 + (v - b.y) ** 2) / (b.r * b.r));
        data[o + ch] = Math.max(0, Math.min(255, Math.round(s * 255)));
      }
    }
  }
  return { data, width, height, channels: 3 };
}
