/**
 * How a multi-index splits 256-bit hashes into chunks, and which radius each chunk is searched at
 * for a given distance. Exactness comes from the generalised pigeonhole rule (ALGORITHMS.md §3.1):
 * if every chunk i differed by more than r_i bits, the hashes would differ by at least
 * Σ(r_i + 1) bits; so with Σ(r_i + 1) > d, any hash within d matches some chunk within r_i.
 * Chunks given r_i = −1 are not searched at all (small d searches few chunks).
 */

export interface ChunkLayout {
  /** First bit of each chunk (bit order of hash256.ts). */
  starts: number[];
  /** Width of each chunk in bits (1–24). */
  widths: number[];
}

export const MAX_CHUNK_WIDTH = 22;
export const MIN_CHUNK_WIDTH = 12;

/** Chunks about log2(n) − 1 bits wide (≈ 2 hashes per bucket), as equal as 256 bits allow. */
export function defaultLayout(n: number): ChunkLayout {
  const target = Math.max(MIN_CHUNK_WIDTH, Math.min(MAX_CHUNK_WIDTH, Math.floor(Math.log2(Math.max(n, 2))) - 1));
  const count = Math.ceil(256 / target);
  const base = Math.floor(256 / count);
  const wider = 256 - base * count;
  const widths = Array.from({ length: count }, (_, i) => (i < wider ? base + 1 : base));
  const starts: number[] = [];
  let at = 0;
  for (const w of widths) {
    starts.push(at);
    at += w;
  }
  return { starts, widths };
}

export function layoutIsValid(layout: ChunkLayout): boolean {
  let at = 0;
  for (let i = 0; i < layout.widths.length; i++) {
    const w = layout.widths[i];
    if (layout.starts[i] !== at || !Number.isInteger(w) || w < 1 || w > 24) return false;
    at += w;
  }
  return at === 256 && layout.starts.length === layout.widths.length;
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return Math.round(c);
}

/** Relative cost of a bucket probe and of verifying one candidate (a random 32-byte read). */
const PROBE_COST = 1;
const VERIFY_COST = 6;

/**
 * Radius per chunk for searching within `maxDistance`, cheapest first by expected probes and
 * candidates; undefined when a scan of all hashes is cheaper (large d) or r would exceed 3.
 */
export function planRadii(layout: ChunkLayout, n: number, maxDistance: number): Int8Array | undefined {
  const m = layout.widths.length;
  const radii = new Int8Array(m).fill(-1);
  let units = 0;
  let cost = 0;
  while (units <= maxDistance) {
    let best = -1;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let c = 0; c < m; c++) {
      const r = radii[c] + 1;
      if (r > 3) continue;
      const w = layout.widths[c];
      const step = binomial(w, r) * (PROBE_COST + (VERIFY_COST * n) / 2 ** w);
      if (step < bestCost) {
        bestCost = step;
        best = c;
      }
    }
    if (best < 0) return undefined;
    radii[best]++;
    units++;
    cost += bestCost;
  }
  // A sequential scan verifies n hashes at about a third of the cost of random candidates.
  return cost < (VERIFY_COST * n) / 3 ? radii : undefined;
}

/** All values within `radius` bits of `value` in a `width`-bit space, written into `out`; returns the count. */
export function probeValues(value: number, width: number, radius: number, out: Uint32Array): number {
  let k = 0;
  out[k++] = value;
  if (radius >= 1) {
    for (let a = 0; a < width; a++) {
      const va = value ^ (1 << a);
      out[k++] = va >>> 0;
      if (radius < 2) continue;
      for (let b = a + 1; b < width; b++) {
        const vb = va ^ (1 << b);
        out[k++] = vb >>> 0;
        if (radius < 3) continue;
        for (let c = b + 1; c < width; c++) out[k++] = (vb ^ (1 << c)) >>> 0;
      }
    }
  }
  return k;
}

/** Upper bound of probe values for one chunk (r ≤ 3, width ≤ 24). */
export const MAX_PROBES = 1 + 24 + 276 + 2024;
