/**
 * Exact lookup of cryptographic digests (MD5, SHA-1, SHA-256): open addressing over typed arrays,
 * no object per entry. Digests are uniformly random, so their first 32 bits are the table hash.
 * The same digest may be held under several ids (one file seen in several cases); a query returns
 * all of them, at distance 0.
 */
import { AppError } from '../domain/app-error.js';
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

const HEX_RE = /^[0-9a-f]+$/;

export class ExactIndex implements SignalIndex {
  private digests: Uint8Array;
  private ids: Uint32Array;
  private alive: Uint8Array;
  /** Slot + 1 of an entry, or 0; linear probing. Removed entries stay in the table, marked dead. */
  private table: Uint32Array;
  private length = 0;
  private live = 0;
  checkpoint?: IndexCheckpoint;

  constructor(
    /** Digest length in bytes: 16 (MD5), 20 (SHA-1) or 32 (SHA-256). */
    readonly digestBytes: number,
    readonly typeName = `${digestBytes * 8}-bit digest`,
  ) {
    this.digests = new Uint8Array(1024 * digestBytes);
    this.ids = new Uint32Array(1024);
    this.alive = new Uint8Array(1024);
    this.table = new Uint32Array(2048);
  }

  /** The index for a signal type's digests: md5, sha1 or sha256. */
  static forType(type: 'md5' | 'sha1' | 'sha256'): ExactIndex {
    return new ExactIndex({ md5: 16, sha1: 20, sha256: 32 }[type], type.toUpperCase().replace('SHA', 'SHA-'));
  }

  get size(): number {
    return this.live;
  }

  add(id: number, value: string): void {
    this.insert(checkId(id), this.parse(value));
  }

  remove(id: number): number {
    let removed = 0;
    for (let s = 0; s < this.length; s++) {
      if (this.ids[s] === id && this.alive[s] === 1) {
        this.alive[s] = 0;
        removed++;
      }
    }
    this.live -= removed;
    return removed;
  }

  query(value: string, maxDistance: number): IndexMatch[] {
    const digest = this.parse(value);
    if (checkDistance(maxDistance) !== 0) {
      throw new AppError(
        'bad-usage',
        `${this.typeName} values match only exactly: use distance 0, not ${maxDistance}.`,
      );
    }
    const out: IndexMatch[] = [];
    const mask = this.table.length - 1;
    for (let t = this.home(digest, 0) & mask; this.table[t] !== 0; t = (t + 1) & mask) {
      const s = this.table[t] - 1;
      if (this.alive[s] === 1 && this.equalsAt(s, digest, 0)) out.push({ id: this.ids[s], distance: 0 });
    }
    return sortMatches(out);
  }

  build(entries: Iterable<IndexEntry>): void {
    this.length = 0;
    this.live = 0;
    this.table.fill(0);
    for (const e of entries) this.add(e.id, e.value);
  }

  serialize(): Uint8Array {
    const n = this.length;
    return writeSnapshot('exact', { digestBytes: this.digestBytes, length: n, checkpoint: this.checkpoint }, [
      this.digests.subarray(0, n * this.digestBytes),
      this.ids.subarray(0, n),
      this.alive.subarray(0, n),
    ]);
  }

  static deserialize(bytes: Uint8Array, typeName?: string): ExactIndex {
    const { meta, arrays } = readSnapshot(bytes, 'exact');
    const width = Number(meta.digestBytes);
    const n = Number(meta.length);
    const [digests, ids, alive] = arrays;
    if (
      ![16, 20, 32].includes(width) ||
      !(digests instanceof Uint8Array && digests.length === n * width) ||
      !(ids instanceof Uint32Array && ids.length === n) ||
      !(alive instanceof Uint8Array && alive.length === n)
    ) {
      throw corruptSnapshot('its sections do not match its header');
    }
    const index = new ExactIndex(width, typeName);
    for (let s = 0; s < n; s++) {
      index.insert(ids[s], digests, s * width);
      if (alive[s] === 0) {
        index.alive[s] = 0;
        index.live--;
      }
    }
    index.checkpoint = checkpointOf(meta);
    return index;
  }

  private parse(value: string): Uint8Array {
    const v = typeof value === 'string' ? value.trim().toLowerCase() : '';
    if (v.length !== this.digestBytes * 2 || !HEX_RE.test(v)) {
      throw new AppError(
        'invalid-signal',
        `Not a ${this.typeName}: expected ${this.digestBytes * 2} hex digits, got ${JSON.stringify(String(value).slice(0, 80))}.`,
      );
    }
    return Buffer.from(v, 'hex');
  }

  private home(bytes: Uint8Array, at: number): number {
    return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
  }

  private equalsAt(slot: number, digest: Uint8Array, at: number): boolean {
    const w = this.digestBytes;
    const base = slot * w;
    for (let i = 0; i < w; i++) if (this.digests[base + i] !== digest[at + i]) return false;
    return true;
  }

  private insert(id: number, digest: Uint8Array, at = 0): void {
    const w = this.digestBytes;
    if (this.length === this.ids.length) this.growEntries();
    if ((this.length + 1) * 2 > this.table.length) this.growTable();
    const slot = this.length++;
    this.digests.set(digest.subarray(at, at + w), slot * w);
    this.ids[slot] = id;
    this.alive[slot] = 1;
    this.live++;
    this.place(slot);
  }

  private place(slot: number): void {
    const mask = this.table.length - 1;
    let t = this.home(this.digests, slot * this.digestBytes) & mask;
    while (this.table[t] !== 0) t = (t + 1) & mask;
    this.table[t] = slot + 1;
  }

  private growEntries(): void {
    const capacity = this.ids.length * 2;
    const digests = new Uint8Array(capacity * this.digestBytes);
    digests.set(this.digests);
    const ids = new Uint32Array(capacity);
    ids.set(this.ids);
    const alive = new Uint8Array(capacity);
    alive.set(this.alive);
    this.digests = digests;
    this.ids = ids;
    this.alive = alive;
  }

  private growTable(): void {
    this.table = new Uint32Array(this.table.length * 2);
    for (let s = 0; s < this.length; s++) this.place(s);
  }
}
