/**
 * An immutable multi-index segment (ALGORITHMS.md §3.1): hashes in one typed array sorted by
 * their first chunk, so that chunk needs no posting list; for every other chunk an offsets table
 * of 2^w + 1 entries (counting sort) and one posting array of slots sorted by that chunk's value.
 * A query probes every bucket within r_c bits of the needle's chunk c, verifies the full distance
 * and reports a hash only from the first searched chunk it qualifies in, so no candidate set is
 * needed. Removal clears a live flag; the owner compacts when too many slots are dead.
 */
import { type ChunkLayout, MAX_PROBES, planRadii, probeValues } from './chunk-plan.js';
import { scanHashes } from './hash-store.js';
import { chunkAt, distanceAt, HASH_WORDS, popcount32 } from './hash256.js';
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
    const work = new SortScratch(n);
    // Chunk 0: the order of the hashes themselves.
    const order = new Uint32Array(n);
    sortByChunk(hashes, n, layout.starts[0], layout.widths[0], arrays.offsets[0], order, work);
    const sorted = arrays.hashes;
    for (let j = 0; j < n; j++) {
      const i = order[j];
      const o = j << 3;
      const f = i << 3;
      for (let w = 0; w < 8; w++) sorted[o + w] = hashes[f + w];
      arrays.ids[j] = ids[i];
    }
    for (let c = 1; c < m; c++) {
      sortByChunk(sorted, n, layout.starts[c], layout.widths[c], arrays.offsets[c], arrays.postings[c], work);
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
    else this.searchChunks(needle, maxDistance, radii, out);
  }

  /** Searches chunk c at radii[c]: in the WebAssembly kernel when the segment has one, else in `query`. */
  searchChunks(needle: Uint32Array, maxDistance: number, radii: Int8Array, out: IndexMatch[]): void {
    if (!this.kernel || !this.queryKernel(needle, maxDistance, radii, out)) this.query(needle, maxDistance, radii, out);
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
          const d = distanceAt(hashes, o, needle, 0);
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
    scanHashes(hashes, ids, alive, this.n, needle, maxDistance, out);
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
/** Work arrays of a segment build, reused for every chunk. */
class SortScratch {
  readonly values: Uint32Array;
  readonly slots: Uint32Array;
  readonly sortedValues: Uint32Array;
  constructor(n: number) {
    this.values = new Uint32Array(n);
    this.slots = new Uint32Array(n);
    this.sortedValues = new Uint32Array(n);
  }
}

const PARTITION_BITS = 8;

/**
 * Counting sort of slots 0…n−1 by one chunk's value: `off` (2^width + 1 entries) gets each
 * value's first position, `out` the slots in value order (ascending within a value). Slots are
 * first split into 256 partitions by the value's top bits, so the counting and scattering that
 * follow stay within a cache-sized window of `off` and `out` (about 3× faster at 10M hashes than
 * one pass of random writes).
 */
function sortByChunk(
  hashes: Uint32Array,
  n: number,
  start: number,
  width: number,
  off: Uint32Array,
  out: Uint32Array,
  work: SortScratch,
): void {
  const { values, slots, sortedValues } = work;
  const word = start >>> 5;
  const shift = start & 31;
  const mask = width === 32 ? 0xffffffff : (1 << width) - 1;
  const pbits = Math.min(PARTITION_BITS, width);
  const low = width - pbits;
  const parts = new Uint32Array((1 << pbits) + 1);
  if (shift + width > 32) {
    for (let i = 0, o = word; i < n; i++, o += 8) {
      const v = ((hashes[o] >>> shift) | (hashes[o + 1] << (32 - shift))) & mask;
      values[i] = v;
      parts[(v >>> low) + 1]++;
    }
  } else {
    for (let i = 0, o = word; i < n; i++, o += 8) {
      const v = (hashes[o] >>> shift) & mask;
      values[i] = v;
      parts[(v >>> low) + 1]++;
    }
  }
  for (let p = 0; p < 1 << pbits; p++) parts[p + 1] += parts[p];
  const cursor = parts.slice(0, 1 << pbits);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const at = cursor[v >>> low]++;
    slots[at] = i;
    sortedValues[at] = v;
  }
  const span = 1 << low;
  const bucketCursor = new Uint32Array(span);
  for (let p = 0; p < 1 << pbits; p++) {
    const a = parts[p];
    const b = parts[p + 1];
    const base = p << low;
    for (let k = a; k < b; k++) off[sortedValues[k] + 1]++;
    off[base] = a;
    for (let v = base; v < base + span; v++) off[v + 1] += off[v];
    bucketCursor.set(off.subarray(base, base + span));
    for (let k = a; k < b; k++) out[bucketCursor[sortedValues[k] - base]++] = slots[k];
  }
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
