/**
 * Snapshot sections of a multi-index: per segment its layout and arrays (hashes, ids, live flags,
 * offsets and postings per chunk), then the write buffer. Lengths are checked against the layout,
 * so a snapshot that passes its checksum but does not describe a valid index is still refused.
 */
import { type ChunkLayout, layoutIsValid } from './chunk-plan.js';
import { HashStore } from './hash-store.js';
import { HASH_WORDS } from './hash256.js';
import { placeSegment } from './mih-memory.js';
import { MihSegment } from './mih-segment.js';
import { checkpointOf, type IndexCheckpoint } from './signal-index.js';
import { corruptSnapshot, readSnapshot, type SnapshotArray, writeSnapshot } from './snapshot.js';

const KIND = 'multi-index';

interface SegmentMeta extends ChunkLayout {
  n: number;
}

export function writeMihSnapshot(segments: MihSegment[], buffer: HashStore, checkpoint?: IndexCheckpoint): Uint8Array {
  const arrays: SnapshotArray[] = [];
  const meta: SegmentMeta[] = [];
  for (const s of segments) {
    const a = s.arrays;
    meta.push({ starts: s.layout.starts, widths: s.layout.widths, n: s.n });
    arrays.push(a.hashes, a.ids, a.alive, ...a.offsets, ...a.postings);
  }
  const len = buffer.length;
  arrays.push(buffer.hashes.subarray(0, len * HASH_WORDS), buffer.ids.subarray(0, len), buffer.alive.subarray(0, len));
  return writeSnapshot(KIND, { segments: meta, buffered: len, checkpoint }, arrays);
}

function take<T extends SnapshotArray>(arrays: SnapshotArray[], ctor: new () => T, length: number): T {
  const a = arrays.shift();
  if (!(a instanceof ctor) || a.length !== length) throw corruptSnapshot('a section has the wrong type or length');
  return a;
}

export interface MihParts {
  segments: MihSegment[];
  buffer: HashStore;
  checkpoint?: IndexCheckpoint;
}

/** Reads a snapshot; segments of at least `kernelMinHashes` are copied into kernel memory. */
export function readMihSnapshot(bytes: Uint8Array, kernelMinHashes: number): MihParts {
  const { meta, arrays } = readSnapshot(bytes, KIND);
  const metas = meta.segments as SegmentMeta[] | undefined;
  const buffered = meta.buffered;
  if (!Array.isArray(metas) || !Number.isSafeInteger(buffered)) throw corruptSnapshot('header lacks segments');
  const segments: MihSegment[] = [];
  for (const m of metas) {
    const layout = { starts: m.starts, widths: m.widths };
    if (!layoutIsValid(layout) || !Number.isSafeInteger(m.n) || m.n < 0) throw corruptSnapshot('bad segment layout');
    const hashes = take(arrays, Uint32Array, m.n * HASH_WORDS);
    const ids = take(arrays, Uint32Array, m.n);
    const alive = take(arrays, Uint8Array, m.n);
    const offsets = layout.widths.map((w) => take(arrays, Uint32Array, 2 ** w + 1));
    if (offsets.some((o) => o[o.length - 1] !== m.n))
      throw corruptSnapshot('offsets do not add up to the segment size');
    const postings = layout.widths.map((_, c) => take(arrays, Uint32Array, c === 0 ? 0 : m.n));
    const loaded = { hashes, ids, alive, offsets, postings };
    const placed = m.n >= kernelMinHashes ? placeSegment(layout, loaded, true) : loaded;
    segments.push(new MihSegment(layout, placed));
  }
  const n = Number(buffered);
  const buffer = new HashStore(Math.max(n, 1));
  buffer.hashes.set(take(arrays, Uint32Array, n * HASH_WORDS));
  buffer.ids.set(take(arrays, Uint32Array, n));
  const alive = take(arrays, Uint8Array, n);
  buffer.alive.set(alive);
  buffer.length = n;
  buffer.live = alive.reduce((t, a) => t + a, 0);
  if (arrays.length > 0) throw corruptSnapshot('unexpected extra sections');
  return { segments, buffer, checkpoint: checkpointOf(meta) };
}
