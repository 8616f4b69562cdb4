import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { ENTRY_HASHES, type EntryHash } from '../../src/domain/hash-set.record.js';
import { CategoryRepository } from '../../src/storage/category.repository.js';
import { HashSetRepository } from '../../src/storage/hash-set.repository.js';
import { HashSetEntryRepository } from '../../src/storage/hash-set-entry.repository.js';
import { describeEachDialect } from './dialect-harness.js';
import { isCode, makeWorld } from './records-fixtures.js';

const hex = (algorithm: string, text: string) => createHash(algorithm).update(text).digest('hex');

/** A benign entry with every hash, derived from a short text. */
function entry(tag: string, i: number): Record<EntryHash, string> {
  const text = `${tag}-${i}`;
  return {
    md5: hex('md5', text),
    sha1: hex('sha1', text),
    sha256: hex('sha256', text),
    pdq: hex('sha256', `pdq-${text}`),
  };
}

describeEachDialect('hash set repositories', (suite) => {
  const sets = () => new HashSetRepository(suite.database.db, () => 1_810_000_000_000);
  const entries = () => new HashSetEntryRepository(suite.database.db, suite.dialect);

  test('a hash set records source, scheme and terms, and is visible as shared', async () => {
    const w = await makeWorld(suite.database, 'hs-new');
    const caid = await new CategoryRepository(suite.database.db).findScheme('uk_caid');
    const set = await sets().create({
      agencyId: w.a.id,
      name: 'Reference list',
      source: 'Test generator',
      schemeId: caid?.id,
      terms: 'Law enforcement use only',
      sharedWith: [w.c.id],
    });
    assert.deepEqual(set, {
      id: set.id,
      agencyId: w.a.id,
      name: 'Reference list',
      source: 'Test generator',
      schemeId: caid?.id,
      terms: 'Law enforcement use only',
      sharing: 'restricted',
      createdAt: 1_810_000_000_000,
      knownGood: false,
    });
    await assert.rejects(sets().create({ agencyId: w.a.id, name: 'Reference list', source: 'x' }), (err: unknown) => {
      assert.ok(isCode('conflict')(err));
      // Said in the reader's terms: the name, not the index's columns.
      assert.equal(
        (err as Error).message,
        'Your agency already has a hash set named "Reference list"; choose another name.',
      );
      return true;
    });
    await assert.rejects(
      sets().create({ agencyId: w.a.id, name: 'y', source: 'x', schemeId: 999_999 }),
      isCode('not-found'),
    );
    assert.deepEqual(await sets().findVisible(set.id, w.c.id), set);
    assert.equal(await sets().findVisible(set.id, w.b.id), null);
    await sets().setSharing(set.id, w.a.id, 'all', []);
    assert.equal((await sets().findVisible(set.id, w.b.id))?.sharing, 'all');
    assert.ok((await sets().listVisible(w.b.id)).some((s) => s.id === set.id));
    await assert.rejects(sets().setSharing(set.id, w.b.id, 'restricted', []), isCode('not-found'));
  });

  test('bulk insert in batches, then every entry is found by each of its hashes', async () => {
    const w = await makeWorld(suite.database, 'hs-bulk');
    const set = await sets().create({ agencyId: w.a.id, name: 'Bulk', source: 'generated' });
    const list = Array.from({ length: 2_345 }, (_, i) => entry('bulk', i));
    const result = await entries().addMany(set.id, w.a.id, list, { batchSize: 1_000 });
    assert.deepEqual(result, { inserted: 2_345, duplicates: 0 });
    assert.equal(await entries().count(set.id, w.a.id), 2_345);
    for (const i of [0, 999, 1_000, 2_344]) {
      for (const hash of ENTRY_HASHES) {
        const hits = await entries().findByHash(hash, list[i][hash], w.a.id);
        assert.equal(hits.length, 1, `${hash} of entry ${i}`);
        assert.deepEqual(
          { ...hits[0].entry, id: 0 },
          {
            id: 0,
            hashSetId: set.id,
            agencyId: w.a.id,
            categoryValueId: null,
            pdqQuality: null,
            seriesLabel: null,
            ...list[i],
          },
        );
        assert.equal(hits[0].hashSetName, 'Bulk');
      }
    }
    assert.deepEqual(await entries().findByHash('sha256', hex('sha256', 'not listed'), w.a.id), []);
    const page = await entries().listEntries(set.id, w.a.id, 0, 10);
    assert.equal(page.length, 10);
    const next = await entries().listEntries(set.id, w.a.id, page[9].id, 10);
    assert.ok(next[0].id > page[9].id);
  });

  test('duplicates by strongest hash are skipped and counted, across imports and within one list', async () => {
    const w = await makeWorld(suite.database, 'hs-dup');
    const set = await sets().create({ agencyId: w.a.id, name: 'Dups', source: 'generated' });
    const first = Array.from({ length: 300 }, (_, i) => entry('dup', i));
    assert.deepEqual(await entries().addMany(set.id, w.a.id, first, { batchSize: 128 }), {
      inserted: 300,
      duplicates: 0,
    });
    const again = [...first.slice(250), entry('dup', 300), entry('dup', 300)];
    assert.deepEqual(await entries().addMany(set.id, w.a.id, again), { inserted: 1, duplicates: 51 });
    await assert.rejects(entries().add(set.id, w.a.id, first[0]), isCode('conflict'));

    // Only an MD5: unique by it. The same MD5 beside a different SHA-256 is another item (collision pairs exist).
    const md5Only = { md5: hex('md5', 'md5-only') };
    await entries().add(set.id, w.a.id, md5Only);
    await assert.rejects(entries().add(set.id, w.a.id, md5Only), isCode('conflict'));
    await entries().add(set.id, w.a.id, { md5: md5Only.md5, sha256: hex('sha256', 'collision twin') });
    assert.equal((await entries().findByHash('md5', md5Only.md5, w.a.id)).length, 2);

    // PDQ only: unique by it; the same PDQ on distinct files (re-encodes) is allowed.
    const pdq = hex('sha256', 'shared-pdq');
    await entries().add(set.id, w.a.id, { pdq });
    await assert.rejects(entries().add(set.id, w.a.id, { pdq }), isCode('conflict'));
    await entries().add(set.id, w.a.id, { pdq, sha256: hex('sha256', 'reencode') });

    // The same hash in another set is not a duplicate.
    const other = await sets().create({ agencyId: w.a.id, name: 'Dups 2', source: 'generated' });
    assert.deepEqual(await entries().addMany(other.id, w.a.id, first.slice(0, 5)), { inserted: 5, duplicates: 0 });
    assert.equal((await entries().findByHash('sha256', first[0].sha256, w.a.id)).length, 2);
  });

  test('concurrent imports of overlapping lists into one set count every entry once', async () => {
    const w = await makeWorld(suite.database, 'hs-concurrent');
    const set = await sets().create({ agencyId: w.a.id, name: 'Concurrent', source: 'generated' });
    const all = Array.from({ length: 1_500 }, (_, i) => entry('concurrent', i));
    const first = all.slice(0, 1_000);
    const second = all.slice(500).reverse();
    const results = await Promise.all([
      entries().addMany(set.id, w.a.id, first, { batchSize: 200 }),
      entries().addMany(set.id, w.a.id, second, { batchSize: 200 }),
    ]);
    assert.equal(results[0].inserted + results[1].inserted, 1_500);
    assert.equal(results[0].duplicates + results[1].duplicates, 500);
    assert.equal(await entries().count(set.id, w.a.id), 1_500);
  });

  test('malformed or missing hashes, unknown categories and foreign sets are refused', async () => {
    const w = await makeWorld(suite.database, 'hs-refuse');
    const set = await sets().create({ agencyId: w.a.id, name: 'Refusals', source: 'generated' });
    await assert.rejects(entries().add(set.id, w.a.id, { md5: 'ABCDEF' }), isCode('invalid-signal'));
    await assert.rejects(
      entries().add(set.id, w.a.id, { sha256: entry('r', 1).sha256.toUpperCase() }),
      isCode('invalid-signal'),
    );
    await assert.rejects(entries().add(set.id, w.a.id, {}), isCode('bad-usage'));
    await assert.rejects(
      entries().add(set.id, w.a.id, { ...entry('r', 2), categoryValueId: 888_888 }),
      isCode('not-found'),
    );
    await assert.rejects(entries().add(set.id, w.b.id, entry('r', 3)), isCode('not-found'));
    await assert.rejects(entries().addMany(777_777, w.a.id, [entry('r', 4)]), isCode('not-found'));
    const bad = [entry('r', 5), { md5: 'not hex at all' }];
    await assert.rejects(entries().addMany(set.id, w.a.id, bad), isCode('invalid-signal'));
    assert.equal(await entries().count(set.id, w.a.id), 0, 'the failed batch kept nothing');
  });

  test('lookups follow the set sharing: restricted sets hide their entries, hash-only sets answer', async () => {
    const w = await makeWorld(suite.database, 'hs-scope');
    const restricted = await sets().create({ agencyId: w.a.id, name: 'Private', source: 'g', sharedWith: [w.c.id] });
    const hashOnly = await sets().create({ agencyId: w.a.id, name: 'Hash only', source: 'g', sharing: 'hash_only' });
    const e1 = entry('scope', 1);
    const e2 = entry('scope', 2);
    await entries().add(restricted.id, w.a.id, e1);
    await entries().add(hashOnly.id, w.a.id, e2);
    assert.equal((await entries().findByHash('sha1', e1.sha1, w.a.id)).length, 1);
    assert.equal((await entries().findByHash('sha1', e1.sha1, w.c.id)).length, 1, 'named agency');
    assert.deepEqual(await entries().findByHash('sha1', e1.sha1, w.b.id), []);
    assert.equal(await entries().count(restricted.id, w.b.id), 0);
    assert.deepEqual(await entries().listEntries(restricted.id, w.b.id), []);
    assert.equal((await entries().findByHash('pdq', e2.pdq, w.b.id)).length, 1, 'hash-only answers every agency');
    assert.equal(await sets().findVisible(hashOnly.id, w.b.id), null, 'but not with the set record');
  });
});
