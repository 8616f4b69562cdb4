/**
 * Exact Hamming search by scanning every hash: the reference the other indexes are tested against,
 * the fallback for radii a multi-index cannot serve, and the best choice for small collections.
 */
import { HashStore } from './hash-store.js';
import { hexToWords } from './hash256.js';
import { checkDistance, checkId } from './index-args.js';
import {
  checkpointOf,
  type IndexCheckpoint,
  type IndexEntry,
  type IndexMatch,
  type SignalIndex,
  sortMatches,
} from './signal-index.js';
import { corruptSnapshot, readSnapshot, writeSnapshot } from './snapshot.js';

export class BruteForceIndex implements SignalIndex {
  private store = new HashStore();
  private readonly scratch = new Uint32Array(8);
  checkpoint?: IndexCheckpoint;

  get size(): number {
    return this.store.live;
  }

  add(id: number, value: string): void {
    this.store.push(checkId(id), hexToWords(value, this.scratch));
  }

  remove(id: number): number {
    return this.store.remove(id);
  }

  query(value: string, maxDistance: number): IndexMatch[] {
    const out: IndexMatch[] = [];
    this.store.scan(hexToWords(value), checkDistance(maxDistance), out);
    return sortMatches(out);
  }

  build(entries: Iterable<IndexEntry>): void {
    this.store = new HashStore();
    for (const e of entries) this.add(e.id, e.value);
  }

  serialize(): Uint8Array {
    const { hashes, ids, alive, length } = this.store;
    return writeSnapshot('brute-force', { length, checkpoint: this.checkpoint }, [
      hashes.subarray(0, length * 8),
      ids.subarray(0, length),
      alive.subarray(0, length),
    ]);
  }

  static deserialize(bytes: Uint8Array): BruteForceIndex {
    const snap = readSnapshot(bytes, 'brute-force');
    const length = Number(snap.meta.length);
    const [hashes, ids, alive] = snap.arrays;
    if (!(hashes instanceof Uint32Array && ids instanceof Uint32Array && alive instanceof Uint8Array)) {
      throw corruptSnapshot('its sections have the wrong types');
    }
    const index = new BruteForceIndex();
    const store = new HashStore(Math.max(length, 1));
    store.hashes.set(hashes);
    store.ids.set(ids);
    store.alive.set(alive);
    store.length = length;
    store.live = alive.reduce((n, a) => n + a, 0);
    index.store = store;
    index.checkpoint = checkpointOf(snap.meta);
    return index;
  }
}
