/**
 * The search loop bulk matching runs, in the main thread or in a worker: queries [from, to) of a
 * needle list against shared segments, results as flat arrays (query number, id, distance).
 */
import { HashStore } from './hash-store.js';
import { HASH_WORDS } from './hash256.js';
import { MihSegment } from './mih-segment.js';
import type { SharedParts } from './multi-index.js';
import { type IndexMatch, sortMatches } from './signal-index.js';

export interface FlatMatches {
  query: Uint32Array;
  id: Uint32Array;
  distance: Uint16Array;
  length: number;
}

export class SharedSearcher {
  private readonly segments: MihSegment[];
  private readonly buffer: HashStore;

  constructor(parts: SharedParts) {
    this.segments = parts.segments.map((s) => new MihSegment(s.layout, s.arrays));
    const b = new HashStore(0);
    b.hashes = parts.buffer.hashes;
    b.ids = parts.buffer.ids;
    b.alive = parts.buffer.alive;
    b.length = b.ids.length;
    this.buffer = b;
  }

  search(needles: Uint32Array, from: number, to: number, maxDistance: number, out: FlatMatches): void {
    const found: IndexMatch[] = [];
    for (let q = from; q < to; q++) {
      const needle = needles.subarray(q * HASH_WORDS, (q + 1) * HASH_WORDS);
      found.length = 0;
      for (const s of this.segments) s.search(needle, maxDistance, found);
      this.buffer.scan(needle, maxDistance, found);
      sortMatches(found);
      for (const m of found) push(out, q, m);
    }
  }
}

export function emptyMatches(capacity = 1024): FlatMatches {
  return {
    query: new Uint32Array(capacity),
    id: new Uint32Array(capacity),
    distance: new Uint16Array(capacity),
    length: 0,
  };
}

function push(out: FlatMatches, q: number, m: IndexMatch): void {
  if (out.length === out.id.length) {
    const grow = <T extends Uint32Array | Uint16Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a as never);
      return b;
    };
    out.query = grow(out.query);
    out.id = grow(out.id);
    out.distance = grow(out.distance);
  }
  out.query[out.length] = q;
  out.id[out.length] = m.id;
  out.distance[out.length] = m.distance;
  out.length++;
}
