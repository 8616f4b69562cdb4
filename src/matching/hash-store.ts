/**
 * A growable column store of 256-bit hashes with their ids and a live flag: three typed arrays,
 * no object per hash. The brute-force index, the multi-index's write buffer and bulk builds all
 * keep their hashes here.
 */
import { distanceAt, HASH_WORDS } from './hash256.js';
import type { IndexMatch } from './signal-index.js';

export class HashStore {
  hashes: Uint32Array;
  ids: Uint32Array;
  alive: Uint8Array;
  /** Slots used (live or removed). */
  length = 0;
  /** Live entries. */
  live = 0;

  constructor(capacity = 1024) {
    this.hashes = new Uint32Array(capacity * HASH_WORDS);
    this.ids = new Uint32Array(capacity);
    this.alive = new Uint8Array(capacity);
  }

  private grow(min: number): void {
    const capacity = Math.max(min, Math.ceil(this.ids.length * 1.5), 1024);
    const hashes = new Uint32Array(capacity * HASH_WORDS);
    hashes.set(this.hashes.subarray(0, this.length * HASH_WORDS));
    const ids = new Uint32Array(capacity);
    ids.set(this.ids.subarray(0, this.length));
    const alive = new Uint8Array(capacity);
    alive.set(this.alive.subarray(0, this.length));
    this.hashes = hashes;
    this.ids = ids;
    this.alive = alive;
  }

  /** Appends the hash at `words[offset…]`; returns its slot. */
  push(id: number, words: Uint32Array, offset = 0): number {
    if (this.length === this.ids.length) this.grow(this.length + 1);
    const slot = this.length++;
    this.hashes.set(words.subarray(offset, offset + HASH_WORDS), slot * HASH_WORDS);
    this.ids[slot] = id;
    this.alive[slot] = 1;
    this.live++;
    return slot;
  }

  /** Marks every live slot with this id removed (a linear scan: removals are rare). */
  remove(id: number): number {
    let removed = 0;
    const { ids, alive } = this;
    for (let i = 0; i < this.length; i++) {
      if (ids[i] === id && alive[i] === 1) {
        alive[i] = 0;
        removed++;
      }
    }
    this.live -= removed;
    return removed;
  }

  /** Appends every live slot within `maxDistance` of `query[0…8)` to `out`. */
  scan(query: Uint32Array, maxDistance: number, out: IndexMatch[]): void {
    scanHashes(this.hashes, this.ids, this.alive, this.length, query, maxDistance, out);
  }

  clear(): void {
    this.length = 0;
    this.live = 0;
  }
}

/** Reads the first `n` hashes and appends each live one within `maxDistance` of `query` to `out`. */
export function scanHashes(
  hashes: Uint32Array,
  ids: Uint32Array,
  alive: Uint8Array,
  n: number,
  query: Uint32Array,
  maxDistance: number,
  out: IndexMatch[],
): void {
  for (let i = 0, o = 0; i < n; i++, o += HASH_WORDS) {
    if (alive[i] === 0) continue;
    const d = distanceAt(hashes, o, query, 0);
    if (d <= maxDistance) out.push({ id: ids[i], distance: d });
  }
}
