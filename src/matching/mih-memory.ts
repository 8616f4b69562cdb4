/**
 * Where a multi-index segment's arrays live. Large segments get one shared WebAssembly memory laid
 * out for the query kernel (wasm/mih.wat): chunk table, one scratch area per thread, hashes, live
 * flags, ids, offsets and postings; the typed arrays are views of it, so the JavaScript path, the
 * kernel and bulk-matching workers all read the same bytes. Small segments, or a runtime without
 * shared WebAssembly memory, use plain SharedArrayBuffers and the JavaScript path.
 */
import type { ChunkLayout } from './chunk-plan.js';
import { HASH_WORDS } from './hash256.js';
import { WASM_BASE64 } from './wasm/mih.wasm.js';

export interface SegmentArrays {
  hashes: Uint32Array;
  ids: Uint32Array;
  alive: Uint8Array;
  /** offsets[c] has 2^widths[c] + 1 entries. */
  offsets: Uint32Array[];
  /** postings[0] is empty (slots are sorted by chunk 0); postings[c] has n entries. */
  postings: Uint32Array[];
  /** The kernel's memory, when the arrays live in one. */
  memory?: WebAssembly.Memory;
}

export const MAX_CHUNKS = 32;
/** Threads that can query one segment at once: the main thread and up to 15 workers. */
export const SCRATCH_SLOTS = 16;
/** Matches the kernel returns per query; a query with more is answered by the JavaScript path. */
export const RESULT_CAP = 4096;
/** The kernel's batches per thread: bucket ranges (8 bytes each) and candidate slots (4 bytes). */
const RANGE_BATCH = 1024;
const CANDIDATE_BATCH = 2048;
export const SCRATCH_BYTES = 288 + RESULT_CAP * 8 + RANGE_BATCH * 8 + CANDIDATE_BATCH * 4;
const TABLE_BYTES = MAX_CHUNKS * 16;
/** Below this many hashes a segment stays in plain arrays: the kernel's fixed memory is not worth it. */
export const KERNEL_MIN_HASHES = 32_768;
/** Most hashes one segment holds: one WebAssembly memory addresses at most 4 GiB. */
export const MAX_SEGMENT_HASHES = 32_000_000;

export const scratchOffset = (slot: number) => TABLE_BYTES + slot * SCRATCH_BYTES;

let wasmModule: WebAssembly.Module | null | undefined;

/** The compiled kernel, or null where shared WebAssembly memory is not available. */
export function kernelModule(): WebAssembly.Module | null {
  if (wasmModule === undefined) {
    try {
      wasmModule = new WebAssembly.Module(Buffer.from(WASM_BASE64, 'base64'));
      new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    } catch {
      wasmModule = null;
    }
  }
  return wasmModule;
}

const align = (n: number, to: number) => Math.ceil(n / to) * to;

/** Empty arrays for a segment of `n` hashes with this layout, in kernel memory where worthwhile. */
export function allocateSegment(layout: ChunkLayout, n: number, useKernel = true): SegmentArrays {
  const m = layout.widths.length;
  const sizes = {
    hashes: n * HASH_WORDS * 4,
    ids: n * 4,
    alive: n,
    offsets: layout.widths.map((w) => (2 ** w + 1) * 4),
    postings: layout.widths.map((_, c) => (c === 0 ? 0 : n * 4)),
  };
  if (!useKernel || m > MAX_CHUNKS || !kernelModule()) {
    const sab = (bytes: number) => new SharedArrayBuffer(bytes);
    return {
      hashes: new Uint32Array(sab(sizes.hashes)),
      ids: new Uint32Array(sab(sizes.ids)),
      alive: new Uint8Array(sab(sizes.alive)),
      offsets: sizes.offsets.map((b) => new Uint32Array(sab(b))),
      postings: sizes.postings.map((b) => new Uint32Array(sab(b))),
    };
  }
  let at = align(scratchOffset(SCRATCH_SLOTS), 64);
  const place = (bytes: number) => {
    const start = at;
    at = align(at + bytes, 64);
    return start;
  };
  const ptr = {
    hashes: place(sizes.hashes),
    alive: place(sizes.alive),
    ids: place(sizes.ids),
    offsets: sizes.offsets.map(place),
    postings: sizes.postings.map(place),
  };
  // 8 bytes of slack: the kernel reads chunks with unaligned 8-byte loads.
  const pages = Math.ceil((at + 8) / 65536);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  const buf = memory.buffer;
  const table = new Uint32Array(buf, 0, m * 4);
  for (let c = 0; c < m; c++) {
    table.set([layout.starts[c], layout.widths[c], ptr.offsets[c], ptr.postings[c]], c * 4);
  }
  return {
    hashes: new Uint32Array(buf, ptr.hashes, n * HASH_WORDS),
    ids: new Uint32Array(buf, ptr.ids, n),
    alive: new Uint8Array(buf, ptr.alive, n),
    offsets: sizes.offsets.map((b, c) => new Uint32Array(buf, ptr.offsets[c], b / 4)),
    postings: sizes.postings.map((b, c) => new Uint32Array(buf, ptr.postings[c], b / 4)),
    memory,
  };
}

/** Copies loaded arrays (e.g. views of a snapshot file) into a fresh allocation. */
export function placeSegment(layout: ChunkLayout, from: SegmentArrays, useKernel: boolean): SegmentArrays {
  const to = allocateSegment(layout, from.ids.length, useKernel);
  to.hashes.set(from.hashes);
  to.ids.set(from.ids);
  to.alive.set(from.alive);
  from.offsets.forEach((o, c) => {
    to.offsets[c].set(o);
  });
  from.postings.forEach((p, c) => {
    to.postings[c].set(p);
  });
  return to;
}
