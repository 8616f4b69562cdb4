import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flipBits, makeHashes, words32 } from '../../test/support/hash-data.js';
import { AppError } from '../domain/app-error.js';
import { BulkMatcher, bulkMatch, matchesOf, needlesFromHex } from './bulk-match.js';
import { wordsToHex } from './hash256.js';
import { MultiIndex } from './multi-index.js';

function fixture() {
  const data = makeHashes(30_000, 'clustered', 17);
  const index = new MultiIndex({ bufferSize: 4096 });
  index.buildFlat(data);
  for (let i = 0; i < 100; i++) index.add(1_000_000 + i, wordsToHex(data.hashes, i * 8)); // in the write buffer
  index.remove(data.ids[3]);
  const next = words32(4);
  const needles = new Uint32Array(3000 * 8);
  for (let q = 0; q < 3000; q++) {
    if (q % 2 === 0) for (let w = 0; w < 8; w++) needles[q * 8 + w] = next();
    else {
      const of = next() % data.n;
      needles.set(data.hashes.subarray(of * 8, of * 8 + 8), q * 8);
      flipBits(needles, q * 8, next() % 40, next);
    }
  }
  return { index, needles };
}

test('bulk matching on worker threads answers every needle as a single query does', async () => {
  const { index, needles } = fixture();
  for (const threads of [1, 2]) {
    const result = await bulkMatch(index, needles, 31, { threads, batch: 97 });
    let total = 0;
    for (let q = 0; q < 3000; q++) {
      const expected = index.query(wordsToHex(needles, q * 8), 31);
      assert.deepEqual(matchesOf(result, q), expected, `needle ${q}, ${threads} thread(s)`);
      total += expected.length;
    }
    assert.ok(total > 1500, 'the planted needles found their families');
  }
});

test('a pool answers job after job, including an empty list and a changed index', async () => {
  const { index, needles } = fixture();
  const pool = new BulkMatcher(2);
  try {
    await pool.ready();
    const first = await pool.match(index, needles, 31);
    index.add(7_000_000, wordsToHex(needles, 0));
    const [second, empty] = await Promise.all([
      pool.match(index, needles, 31),
      pool.match(index, new Uint32Array(0), 31),
    ]);
    assert.equal(empty.offsets.length, 1);
    assert.deepEqual(matchesOf(second, 0), [{ id: 7_000_000, distance: 0 }, ...matchesOf(first, 0)]);
    assert.throws(
      () => pool.match(index, new Uint32Array(3), 31),
      (e) => e instanceof AppError && e.code === 'bad-usage',
    );
  } finally {
    await pool.close();
  }
});

test('needles given as hex are checked before any work starts', () => {
  assert.throws(
    () => needlesFromHex(['0'.repeat(64), 'xyz']),
    (e) => e instanceof AppError && e.code === 'invalid-signal',
  );
  assert.equal(needlesFromHex(['f'.repeat(64)])[7], 0xffffffff);
});

test('a pool shut down refuses further jobs at once, with a fixed message and the cause kept', async () => {
  const { index, needles } = fixture();
  const pool = new BulkMatcher(2);
  await pool.ready();
  await pool.close();
  await assert.rejects(pool.match(index, needles, 31), (e) => {
    assert.ok(e instanceof AppError);
    assert.equal(e.code, 'internal');
    assert.equal(e.message, 'The bulk match could not be completed; try again.');
    assert.ok(e.cause instanceof Error, 'what went wrong stays in the cause, for the log');
    return true;
  });
});
