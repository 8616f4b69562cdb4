/**
 * The Hamming index for 256-bit hashes (PDQ): exact, in typed arrays. New hashes go to a small
 * write buffer searched by scanning; a full buffer becomes an immutable multi-index segment, and
 * segments merge like a binary counter (a segment is merged into the one before it once it holds
 * at least half as many hashes), so there are O(log n) segments and each hash is rebuilt
 * O(log n) times. `build` makes one segment in one pass, the usual way a server loads an index.
 */
import { type ChunkLayout, defaultLayout } from './chunk-plan.js';
import { HashStore } from './hash-store.js';
import { HASH_WORDS, hexToWords } from './hash256.js';
import { checkDistance, checkId } from './index-args.js';
import { KERNEL_MIN_HASHES, MAX_SEGMENT_HASHES } from './mih-memory.js';
import { MihSegment, type SegmentArrays } from './mih-segment.js';
import { readMihSnapshot, writeMihSnapshot } from './mih-snapshot.js';
import {
  type IndexCheckpoint,
  type IndexEntry,
  type IndexMatch,
  type SignalIndex,
  sortMatches,
} from './signal-index.js';

export interface MultiIndexOptions {
  /** Hashes held in the scanned write buffer before it becomes a segment (default 8192). */
  bufferSize?: number;
  /** Chunk layout for a segment of n hashes (default: chunk-plan's defaultLayout). */
  layoutFor?: (n: number) => ChunkLayout;
  /** Segments of at least this many hashes are searched by the WebAssembly kernel (default 32,768). */
  kernelMinHashes?: number;
  /** Most hashes in one segment (default 32M, what one WebAssembly memory holds). */
  maxSegmentHashes?: number;
}

/** Live hashes and their ids gathered into flat arrays. */
export interface FlatHashes {
  hashes: Uint32Array;
  ids: Uint32Array;
  n: number;
}

export interface SharedParts {
  segments: Array<{ layout: ChunkLayout; arrays: SegmentArrays }>;
  buffer: { hashes: Uint32Array; ids: Uint32Array; alive: Uint8Array };
}

export class MultiIndex implements SignalIndex {
  private segments: MihSegment[] = [];
  private buffer = new HashStore();
  private readonly bufferSize: number;
  private readonly layoutFor: (n: number) => ChunkLayout;
  private readonly kernelMinHashes: number;
  private readonly maxSegment: number;
  private readonly scratch = new Uint32Array(HASH_WORDS);
  checkpoint?: IndexCheckpoint;

  constructor(options: MultiIndexOptions = {}) {
    this.bufferSize = options.bufferSize ?? 8192;
    this.layoutFor = options.layoutFor ?? defaultLayout;
    this.kernelMinHashes = options.kernelMinHashes ?? KERNEL_MIN_HASHES;
    this.maxSegment = Math.min(options.maxSegmentHashes ?? MAX_SEGMENT_HASHES, MAX_SEGMENT_HASHES);
  }

  get size(): number {
    let live = this.buffer.live;
    for (const s of this.segments) live += s.live;
    return live;
  }

  /** Segments and buffer, for tests and benchmarks. */
  get shape(): { segments: number[]; buffered: number; bytes: number } {
    const b = this.buffer;
    const bytes =
      this.segments.reduce((t, s) => t + s.bytes, 0) + b.hashes.byteLength + b.ids.byteLength + b.alive.byteLength;
    return { segments: this.segments.map((s) => s.n), buffered: this.buffer.length, bytes };
  }

  add(id: number, value: string): void {
    this.buffer.push(checkId(id), hexToWords(value, this.scratch));
    if (this.buffer.length >= this.bufferSize) this.flush();
  }

  remove(id: number): number {
    let removed = this.buffer.remove(id);
    for (const s of this.segments) removed += s.remove(id);
    if (removed > 0) {
      // A segment more than half dead is rebuilt from its live hashes (or dropped when empty).
      this.segments = this.segments.filter((s) => s.live > 0).map((s) => (s.live * 2 < s.n ? this.rebuild([s]) : s));
    }
    return removed;
  }

  query(value: string, maxDistance: number): IndexMatch[] {
    const needle = hexToWords(value);
    checkDistance(maxDistance);
    const out: IndexMatch[] = [];
    for (const s of this.segments) s.search(needle, maxDistance, out);
    this.buffer.scan(needle, maxDistance, out);
    return sortMatches(out);
  }

  /** Like `query` for a needle already in words (8 × u32, hash256.ts order). */
  queryWords(needle: Uint32Array, maxDistance: number, out: IndexMatch[] = []): IndexMatch[] {
    for (const s of this.segments) s.search(needle, maxDistance, out);
    this.buffer.scan(needle, maxDistance, out);
    return out;
  }

  build(entries: Iterable<IndexEntry>): void {
    const store = new HashStore(1 << 16);
    for (const e of entries) store.push(checkId(e.id), hexToWords(e.value, this.scratch));
    this.buildFlat({ hashes: store.hashes, ids: store.ids, n: store.length });
  }

  /** Replaces the contents with `n` hashes given as words (8 per hash) and ids. */
  buildFlat(flat: FlatHashes): void {
    this.buffer = new HashStore();
    this.segments = [];
    // One WebAssembly memory holds at most MAX_SEGMENT_HASHES: larger sets become equal shards.
    const shards = Math.ceil(flat.n / this.maxSegment);
    for (let k = 0; k < shards; k++) {
      const from = Math.floor((k * flat.n) / shards);
      const to = Math.floor(((k + 1) * flat.n) / shards);
      this.segments.push(
        this.segmentOf({
          hashes: flat.hashes.subarray(from * HASH_WORDS, to * HASH_WORDS),
          ids: flat.ids.subarray(from, to),
          n: to - from,
        }),
      );
    }
  }

  /** Turns the write buffer into a segment and merges segments of similar size. */
  flush(): void {
    const b = this.buffer;
    if (b.live > 0) this.segments.push(this.segmentOf(gatherLive([{ ...b, n: b.length }])));
    this.buffer = new HashStore();
    const segs = this.segments;
    while (
      segs.length >= 2 &&
      segs[segs.length - 1].live * 2 >= segs[segs.length - 2].live &&
      segs[segs.length - 1].live + segs[segs.length - 2].live <= this.maxSegment
    ) {
      const last = segs.pop() as MihSegment;
      const prev = segs.pop() as MihSegment;
      segs.push(this.rebuild([prev, last]));
    }
  }

  /** The segments and write buffer in SharedArrayBuffers, for workers to search without a copy. */
  shared(): SharedParts {
    const toShared = <T extends Uint8Array | Uint32Array>(a: T): T => {
      if (a.buffer instanceof SharedArrayBuffer) return a;
      const copy = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
      copy.set(a as never);
      return copy;
    };
    const segments = this.segments.map((s) => {
      const a = s.arrays;
      a.hashes = toShared(a.hashes);
      a.ids = toShared(a.ids);
      a.alive = toShared(a.alive);
      a.offsets = a.offsets.map(toShared);
      a.postings = a.postings.map(toShared);
      return { layout: s.layout, arrays: a };
    });
    const b = this.buffer;
    const n = b.length;
    const buffer = {
      hashes: toShared(b.hashes.slice(0, n * HASH_WORDS)),
      ids: toShared(b.ids.slice(0, n)),
      alive: toShared(b.alive.slice(0, n)),
    };
    return { segments, buffer };
  }

  serialize(): Uint8Array {
    return writeMihSnapshot(this.segments, this.buffer, this.checkpoint);
  }

  /** Loads a snapshot written by `serialize`; a damaged one is a `corrupt-snapshot` AppError. */
  static deserialize(bytes: Uint8Array, options: MultiIndexOptions = {}): MultiIndex {
    const { segments, buffer, checkpoint } = readMihSnapshot(bytes, options.kernelMinHashes ?? KERNEL_MIN_HASHES);
    const index = new MultiIndex(options);
    index.checkpoint = checkpoint;
    index.segments = segments;
    index.buffer = buffer;
    return index;
  }

  private rebuild(from: MihSegment[]): MihSegment {
    return this.segmentOf(gatherLive(from.map((seg) => ({ ...seg.arrays, n: seg.n }))));
  }

  private segmentOf(flat: FlatHashes): MihSegment {
    return MihSegment.build(this.layoutFor(flat.n), flat.hashes, flat.ids, flat.n, this.kernelMinHashes);
  }
}

/** The live hashes and ids of several stores, copied into one flat pair of arrays. */
function gatherLive(parts: ReadonlyArray<FlatHashes & { alive: Uint8Array }>): FlatHashes {
  let n = 0;
  for (const p of parts) for (let i = 0; i < p.n; i++) n += p.alive[i];
  const hashes = new Uint32Array(n * HASH_WORDS);
  const ids = new Uint32Array(n);
  let k = 0;
  for (const p of parts) {
    for (let i = 0; i < p.n; i++) {
      if (p.alive[i] === 0) continue;
      hashes.set(p.hashes.subarray(i * HASH_WORDS, (i + 1) * HASH_WORDS), k * HASH_WORDS);
      ids[k++] = p.ids[i];
    }
  }
  return { hashes, ids, n };
}
