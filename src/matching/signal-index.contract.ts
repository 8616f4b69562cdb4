/**
 * The contract every SignalIndex passes (DESIGN.md §4), for Hamming indexes over 256-bit hashes:
 * the same answers as a scan of every hash — every match, exact distances, sorted — on random and
 * clustered data at the edge radii, after removals, with duplicates, empty, and after a snapshot
 * round trip; malformed input is a typed error.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { flipBits, type HashDataset, makeHashes, words32 } from '../../test/support/hash-data.js';
import { AppError } from '../domain/app-error.js';
import { HashStore } from './hash-store.js';
import { wordsToHex } from './hash256.js';
import { type IndexMatch, type SignalIndex, sortMatches } from './signal-index.js';

export interface HammingIndexUnderTest {
  name: string;
  create(): SignalIndex;
  deserialize(bytes: Uint8Array): SignalIndex;
}

const RADII = [0, 1, 15, 31, 32, 47, 63, 64, 90, 256];

function bruteForce(store: HashStore, needle: Uint32Array, d: number): IndexMatch[] {
  const out: IndexMatch[] = [];
  store.scan(needle, d, out);
  return sortMatches(out);
}

/** Fills `index` and a reference store with the same data; returns a needle maker. */
function load(index: SignalIndex, n: number, dataset: HashDataset, seed: number, viaBuild: boolean) {
  const data = makeHashes(n, dataset, seed);
  const store = new HashStore(Math.max(n, 1));
  const entries = [];
  for (let i = 0; i < n; i++) {
    store.push(data.ids[i], data.hashes, i * 8);
    entries.push({ id: data.ids[i], value: wordsToHex(data.hashes, i * 8) });
  }
  if (viaBuild) index.build(entries);
  else for (const e of entries) index.add(e.id, e.value);
  const next = words32(seed + 99);
  const needle = (k: number): Uint32Array => {
    const q = new Uint32Array(8);
    if (k % 2 === 1 || n === 0) for (let w = 0; w < 8; w++) q[w] = next();
    else {
      const of = next() % n;
      q.set(data.hashes.subarray(of * 8, of * 8 + 8));
      flipBits(q, 0, next() % 48, next);
    }
    return q;
  };
  return { store, needle, data };
}

function sameAsBruteForce(index: SignalIndex, store: HashStore, needle: (k: number) => Uint32Array, queries: number) {
  for (let k = 0; k < queries; k++) {
    const q = needle(k);
    for (const d of RADII) {
      const got = index.query(wordsToHex(q), d);
      assert.deepEqual(got, bruteForce(store, q, d), `query ${k} at distance ${d}`);
    }
  }
}

export function hammingIndexContract(subject: HammingIndexUnderTest): void {
  describe(`SignalIndex contract: ${subject.name}`, () => {
    for (const dataset of ['random', 'clustered'] as const) {
      for (const viaBuild of [true, false]) {
        test(`finds exactly what a scan finds: ${dataset} data, ${viaBuild ? 'build' : 'add'}, every radius`, () => {
          const index = subject.create();
          const { store, needle } = load(index, 20_000, dataset, dataset === 'random' ? 7 : 8, viaBuild);
          assert.equal(index.size, 20_000);
          sameAsBruteForce(index, store, needle, 40);
        });
      }
    }

    test('answers sorted by distance, then id, with exact distances', () => {
      const index = subject.create();
      const base = new Uint32Array(8);
      const next = words32(3);
      for (let w = 0; w < 8; w++) base[w] = next();
      const expected: IndexMatch[] = [];
      for (let id = 50; id > 0; id--) {
        const h = base.slice();
        flipBits(h, 0, id % 33, next);
        index.add(id, wordsToHex(h));
        expected.push({ id, distance: id % 33 });
      }
      const got = index.query(wordsToHex(base), 32);
      assert.deepEqual(got, sortMatches(expected));
      assert.deepEqual(index.query(wordsToHex(base), 0), [{ id: 33, distance: 0 }]);
    });

    test('a needle with thousands of matches gets every one (more than a kernel returns at once)', () => {
      const index = subject.create();
      const next = words32(12);
      const base = new Uint32Array(8).map(() => next());
      const entries = [];
      const store = new HashStore(9000);
      for (let id = 0; id < 9000; id++) {
        const h = base.slice();
        flipBits(h, 0, id % 20, next);
        store.push(id, h);
        entries.push({ id, value: wordsToHex(h) });
      }
      index.build(entries);
      for (const d of [0, 10, 31, 63]) assert.deepEqual(index.query(wordsToHex(base), d), bruteForce(store, base, d));
      assert.equal(index.query(wordsToHex(base), 31).length, 9000);
    });

    test('removals take every entry of an id out of every later answer', () => {
      const index = subject.create();
      const { store, needle, data } = load(index, 12_000, 'clustered', 11, true);
      for (let i = 0; i < 12_000; i += 3) {
        assert.equal(index.remove(data.ids[i]), 1);
        store.remove(data.ids[i]);
      }
      assert.equal(index.remove(1_000_000), 0, 'removing an unknown id removes nothing');
      assert.equal(index.size, 8_000);
      sameAsBruteForce(index, store, needle, 20);
    });

    test('duplicates: one hash under many ids, one id under several hashes', () => {
      const index = subject.create();
      const h = 'f'.repeat(32) + '0'.repeat(32);
      for (let id = 0; id < 5; id++) index.add(id, h);
      index.add(7, h);
      index.add(7, `${'f'.repeat(31)}e${'0'.repeat(32)}`);
      assert.equal(index.size, 7);
      assert.deepEqual(
        index.query(h, 1).map((m) => [m.id, m.distance]),
        [
          [0, 0],
          [1, 0],
          [2, 0],
          [3, 0],
          [4, 0],
          [7, 0],
          [7, 1],
        ],
      );
      assert.equal(index.remove(7), 2);
      assert.equal(index.query(h, 1).length, 5);
    });

    test('an empty index answers nothing at any radius, and serialises', () => {
      const index = subject.create();
      assert.equal(index.size, 0);
      for (const d of RADII) assert.deepEqual(index.query('0'.repeat(64), d), []);
      assert.equal(subject.deserialize(index.serialize()).size, 0);
    });

    test('malformed hashes, distances and ids are typed errors that say why', () => {
      const index = subject.create();
      for (const bad of ['', 'abc', 'g'.repeat(64), '0'.repeat(63), '0'.repeat(65)]) {
        assert.throws(
          () => index.query(bad, 31),
          (e) => e instanceof AppError && e.code === 'invalid-signal',
        );
        assert.throws(
          () => index.add(1, bad),
          (e) => e instanceof AppError && e.code === 'invalid-signal',
        );
      }
      for (const d of [-1, 1.5, Number.NaN]) {
        assert.throws(
          () => index.query('0'.repeat(64), d),
          (e) => e instanceof AppError && e.code === 'bad-usage',
        );
      }
      for (const id of [-1, 2 ** 32, 0.5]) {
        assert.throws(
          () => index.add(id, '0'.repeat(64)),
          (e) => e instanceof AppError && e.code === 'bad-usage',
        );
      }
      assert.equal(index.size, 0, 'nothing was added by the refused calls');
    });

    test('a snapshot round trip answers the same; a damaged one is refused, never trusted', () => {
      const index = subject.create();
      const { store, needle } = load(index, 10_000, 'clustered', 21, false);
      index.remove(5);
      store.remove(5);
      index.checkpoint = { lastId: 10_123, count: 9_999 };
      const bytes = index.serialize();
      const loaded = subject.deserialize(new Uint8Array(bytes));
      assert.equal(loaded.size, index.size);
      assert.deepEqual(loaded.checkpoint, { lastId: 10_123, count: 9_999 });
      sameAsBruteForce(loaded, store, needle, 10);
      const flipped = new Uint8Array(bytes);
      flipped[Math.floor(bytes.length / 2)] ^= 0x10;
      for (const damaged of [
        flipped,
        bytes.subarray(0, bytes.length - 100),
        bytes.subarray(0, 10),
        new Uint8Array(0),
      ]) {
        assert.throws(
          () => subject.deserialize(new Uint8Array(damaged)),
          (e) => e instanceof AppError && e.code === 'corrupt-snapshot',
        );
      }
    });
  });
}
