/**
 * An immutable multi-index segment (ALGORITHMS.md §3.1): hashes in one typed array sorted by
 * their first chunk, so that chunk needs no posting list; for every other chunk an offsets table
 * of 2^w + 1 entries (counting sort) and one posting array of slots sorted by that chunk's value.
 * A query probes every bucket within r_c bits of the needle's chunk c, verifies the full distance
 * and reports a hash only from the first searched chunk it qualifies in, so no candidate set is
 * needed. Removal clears a live flag; the owner compacts when too many slots are dead.
 */
import { type ChunkLayout, MAX_PROBES, planRadii, probeValues } from './chunk-plan.js';
import { chunkAt, HASH_WORDS, popcount32 } from './hash256.js';
import {
  allocateSegment,
  KERNEL_MIN_HASHES,
  kernelModule,
  RESULT_CAP,
  type SegmentArrays,
  scratchOffset,
} from './mih-memory.js';
import type { IndexMatch } from './signal-index.js';

export type { SegmentArrays };

export class MihSegment {
  readonly n: number;
  live: number;
  private readonly probes = new Uint32Array(MAX_PROBES);
  private readonly needleChunks: Uint32Array;
  private readonly plans = new Map<number, Int8Array | undefined>();
  private readonly kernel?: KernelQuery;
  private readonly scratchAt: number = 0;
  private readonly scratch?: Uint32Array;
  private readonly scratchRadii?: Int32Array;

  constructor(
    readonly layout: ChunkLayout,
    readonly arrays: SegmentArrays,
  ) {
    this.n = arrays.ids.length;
    let live = 0;
    for (let i = 0; i < this.n; i++) live += arrays.alive[i];
    this.live = live;
    this.needleChunks = new Uint32Array(layout.widths.length);
    const module = kernelModule();
    if (arrays.memory && module) {
      const { exports } = new WebAssembly.Instance(module, { env: { memory: arrays.memory } });
      this.kernel = exports.query as KernelQuery;
      this.scratchAt = scratchOffset(scratchSlot);
      this.scratch = new Uint32Array(arrays.memory.buffer, this.scratchAt, 72 + 2 * RESULT_CAP);
      this.scratchRadii = new Int32Array(arrays.memory.buffer, this.scratchAt + 160, 32);
    }
  }

  /** Builds a segment over `n` hashes (`hashes` holds 8 words each); the inputs are not kept. */
  static build(
    layout: ChunkLayout,
    hashes: Uint32Array,
    ids: Uint32Array,
    n: number,
    kernelMinHashes = KERNEL_MIN_HASHES,
  ): MihSegment {
    const m = layout.widths.length;
    const arrays = allocateSegment(layout, n, n >= kernelMinHashes);
    const chunk = new Uint32Array(n);
    // Chunk 0: sort the hashes themselves.
    const off0 = arrays.offsets[0];
    countingOffsets(hashes, n, layout.starts[0], layout.widths[0], chunk, off0);
    const cursor = off0.slice(0, off0.length - 1);
    for (let i = 0; i < n; i++) {
      const slot = cursor[chunk[i]]++;
      arrays.hashes.set(hashes.subarray(i * HASH_WORDS, (i + 1) * HASH_WORDS), slot * HASH_WORDS);
      arrays.ids[slot] = ids[i];
    }
    for (let c = 1; c < m; c++) {
      const off = arrays.offsets[c];
      countingOffsets(arrays.hashes, n, layout.starts[c], layout.widths[c], chunk, off);
      const post = arrays.postings[c];
      const cur = off.slice(0, off.length - 1);
      for (let s = 0; s < n; s++) post[cur[chunk[s]]++] = s;
    }
    arrays.alive.fill(1);
    return new MihSegment(layout, arrays);
  }

  /** Appends every live hash within `maxDistance`: by the chunk tables, or by a scan where cheaper. */
  search(needle: Uint32Array, maxDistance: number, out: IndexMatch[]): void {
    let radii = this.plans.get(maxDistance);
    if (!this.plans.has(maxDistance)) {
      radii = planRadii(this.layout, this.n, maxDistance);
      this.plans.set(maxDistance, radii);
    }
    if (!radii) this.scan(needle, maxDistance, out);
    else if (!this.kernel || !this.queryKernel(needle, maxDistance, radii, out))
      this.query(needle, maxDistance, radii, out);
  }

  /** The same search in the WebAssembly kernel; false when it found more than it can return. */
  private queryKernel(needle: Uint32Array, maxDistance: number, radii: Int8Array, out: IndexMatch[]): boolean {
    const { starts, widths } = this.layout;
    const sc = this.scratch as Uint32Array;
    const sr = this.scratchRadii as Int32Array;
    sc.set(needle, 0);
    for (let c = 0; c < widths.length; c++) {
      sc[8 + c] = chunkAt(needle, 0, starts[c], widths[c]);
      sr[c] = radii[c];
    }
    const a = this.arrays;
    const kernel = this.kernel as KernelQuery;
    const total = kernel(
      0,
      widths.length,
      a.hashes.byteOffset,
      a.alive.byteOffset,
      this.scratchAt,
      RESULT_CAP,
      maxDistance,
    );
    if (total > RESULT_CAP) return false;
    const ids = a.ids;
    for (let i = 0, k = 72; i < total; i++, k += 2) out.push({ id: ids[sc[k]], distance: sc[k + 1] });
    return true;
  }

  /** Appends every live hash within `maxDistance` of the needle, searching chunk c at radii[c]. */
  query(needle: Uint32Array, maxDistance: number, radii: Int8Array, out: IndexMatch[]): void {
    const { starts, widths } = this.layout;
    const { hashes, ids, alive, offsets, postings } = this.arrays;
    const qc = this.needleChunks;
    const probes = this.probes;
    for (let c = 0; c < widths.length; c++) qc[c] = chunkAt(needle, 0, starts[c], widths[c]);
    const q0 = needle[0];
    const q1 = needle[1];
    const q2 = needle[2];
    const q3 = needle[3];
    const q4 = needle[4];
    const q5 = needle[5];
    const q6 = needle[6];
    const q7 = needle[7];
    for (let c = 0; c < widths.length; c++) {
      const r = radii[c];
      if (r < 0) continue;
      const k = probeValues(qc[c], widths[c], r, probes);
      const off = offsets[c];
      const post = postings[c];
      const implicit = c === 0;
      for (let j = 0; j < k; j++) {
        const v = probes[j];
        const end = off[v + 1];
        for (let p = off[v]; p < end; p++) {
          const s = implicit ? p : post[p];
          const o = s << 3;
          const d =
            popcount32(hashes[o] ^ q0) +
            popcount32(hashes[o + 1] ^ q1) +
            popcount32(hashes[o + 2] ^ q2) +
            popcount32(hashes[o + 3] ^ q3) +
            popcount32(hashes[o + 4] ^ q4) +
            popcount32(hashes[o + 5] ^ q5) +
            popcount32(hashes[o + 6] ^ q6) +
            popcount32(hashes[o + 7] ^ q7);
          if (d > maxDistance || alive[s] === 0) continue;
          if (c > 0 && this.qualifiesBefore(s, c, radii)) continue;
          out.push({ id: ids[s], distance: d });
        }
      }
    }
  }

  /** Whether slot `s` lies within radius of the needle in a chunk searched before chunk `c`. */
  private qualifiesBefore(s: number, c: number, radii: Int8Array): boolean {
    const { starts, widths } = this.layout;
    const o = s * HASH_WORDS;
    for (let e = 0; e < c; e++) {
      if (radii[e] < 0) continue;
      const v = chunkAt(this.arrays.hashes, o, starts[e], widths[e]);
      if (popcount32(v ^ this.needleChunks[e]) <= radii[e]) return true;
    }
    return false;
  }

  /** Appends every live hash within `maxDistance`, by reading them all. */
  scan(needle: Uint32Array, maxDistance: number, out: IndexMatch[]): void {
    const { hashes, ids, alive } = this.arrays;
    const [q0, q1, q2, q3, q4, q5, q6, q7] = needle;
    for (let s = 0, o = 0; s < this.n; s++, o += HASH_WORDS) {
      const d =
        popcount32(hashes[o] ^ q0) +
        popcount32(hashes[o + 1] ^ q1) +
        popcount32(hashes[o + 2] ^ q2) +
        popcount32(hashes[o + 3] ^ q3) +
        popcount32(hashes[o + 4] ^ q4) +
        popcount32(hashes[o + 5] ^ q5) +
        popcount32(hashes[o + 6] ^ q6) +
        popcount32(hashes[o + 7] ^ q7);
      if (d <= maxDistance && alive[s] === 1) out.push({ id: ids[s], distance: d });
    }
  }

  remove(id: number): number {
    const { ids, alive } = this.arrays;
    let removed = 0;
    for (let s = 0; s < this.n; s++) {
      if (ids[s] === id && alive[s] === 1) {
        alive[s] = 0;
        removed++;
      }
    }
    this.live -= removed;
    return removed;
  }

  /** Bytes held by the segment's arrays. */
  get bytes(): number {
    const a = this.arrays;
    let total = a.hashes.byteLength + a.ids.byteLength + a.alive.byteLength;
    for (const o of a.offsets) total += o.byteLength;
    for (const p of a.postings) total += p.byteLength;
    return total;
  }
}

/** Counts chunk values into an offsets table (2^width + 1 entries); leaves each hash's value in `chunk`. */
/** Counts chunk values into `off` (2^width + 1 entries, then prefix sums); leaves each hash's value in `chunk`. */
function countingOffsets(
  hashes: Uint32Array,
  n: number,
  start: number,
  width: number,
  chunk: Uint32Array,
  off: Uint32Array,
): void {
  for (let i = 0; i < n; i++) {
    const v = chunkAt(hashes, i * HASH_WORDS, start, width);
    chunk[i] = v;
    off[v + 1]++;
  }
  for (let v = 0; v < 1 << width; v++) off[v + 1] += off[v];
}

type KernelQuery = (
  table: number,
  chunks: number,
  hashes: number,
  alive: number,
  scratch: number,
  cap: number,
  maxDistance: number,
) => number;

let scratchSlot = 0;

/** Which scratch area this thread's kernels use: 0 in the main thread, 1… in workers. */
export function useScratchSlot(slot: number): void {
  scratchSlot = slot;
}
