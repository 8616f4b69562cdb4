import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { AppError } from '../domain/app-error.js';
import { ExactIndex } from './exact-index.js';

const digest = (alg: string, i: number) => createHash(alg).update(`item ${i}`).digest('hex');

describe('ExactIndex (cryptographic digests)', () => {
  for (const [alg, type] of [
    ['md5', 'md5'],
    ['sha1', 'sha1'],
    ['sha256', 'sha256'],
  ] as const) {
    test(`${type}: every added digest is found under its ids, nothing else is`, () => {
      const index = ExactIndex.forType(type);
      const n = 30_000;
      for (let i = 0; i < n; i++) index.add(i, digest(alg, i));
      index.add(n, digest(alg, 7)); // the same file under a second id
      assert.equal(index.size, n + 1);
      for (let i = 0; i < n; i += 97) {
        const expected =
          i === 7 ? [0, n].map((id) => ({ id: id === 0 ? 7 : id, distance: 0 })) : [{ id: i, distance: 0 }];
        assert.deepEqual(index.query(digest(alg, i), 0), expected);
      }
      assert.deepEqual(index.query(digest(alg, n + 5), 0), []);
      assert.deepEqual(index.query(digest(alg, 3).toUpperCase(), 0), [{ id: 3, distance: 0 }], 'case does not matter');
    });
  }

  test('removals, duplicates, rebuild and an empty index', () => {
    const index = ExactIndex.forType('sha256');
    assert.deepEqual(index.query(digest('sha256', 1), 0), []);
    index.add(1, digest('sha256', 1));
    index.add(1, digest('sha256', 1));
    index.add(2, digest('sha256', 1));
    assert.equal(index.remove(1), 2);
    assert.equal(index.remove(1), 0);
    assert.deepEqual(index.query(digest('sha256', 1), 0), [{ id: 2, distance: 0 }]);
    index.build([{ id: 9, value: digest('sha256', 9) }]);
    assert.equal(index.size, 1);
    assert.deepEqual(index.query(digest('sha256', 1), 0), []);
    assert.deepEqual(index.query(digest('sha256', 9), 0), [{ id: 9, distance: 0 }]);
  });

  test('malformed digests, near-duplicate distances and bad ids are typed errors', () => {
    const index = ExactIndex.forType('md5');
    for (const bad of ['', digest('sha1', 1), `${digest('md5', 1).slice(1)}z`]) {
      assert.throws(
        () => index.add(1, bad),
        (e) => e instanceof AppError && e.code === 'invalid-signal' && /MD5/.test(e.message),
      );
      assert.throws(
        () => index.query(bad, 0),
        (e) => e instanceof AppError && e.code === 'invalid-signal',
      );
    }
    assert.throws(
      () => index.query(digest('md5', 1), 5),
      (e) => e instanceof AppError && e.code === 'bad-usage',
    );
    assert.throws(
      () => index.add(-1, digest('md5', 1)),
      (e) => e instanceof AppError && e.code === 'bad-usage',
    );
  });

  test('snapshot round trip keeps removals; a damaged snapshot is refused', () => {
    const index = ExactIndex.forType('sha1');
    for (let i = 0; i < 5000; i++) index.add(i, digest('sha1', i));
    index.remove(10);
    const bytes = index.serialize();
    const loaded = ExactIndex.deserialize(new Uint8Array(bytes), 'SHA-1');
    assert.equal(loaded.size, 4999);
    assert.deepEqual(loaded.query(digest('sha1', 10), 0), []);
    assert.deepEqual(loaded.query(digest('sha1', 11), 0), [{ id: 11, distance: 0 }]);
    const damaged = new Uint8Array(bytes);
    damaged[200] ^= 1;
    assert.throws(
      () => ExactIndex.deserialize(damaged),
      (e) => e instanceof AppError && e.code === 'corrupt-snapshot',
    );
  });
});
