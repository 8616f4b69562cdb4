import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeHashes } from '../../test/support/hash-data.js';
import { wordsToHex } from './hash256.js';
import { IndexCache, type IndexSource } from './index-cache.js';
import { readIndexFile, writeIndexFile } from './index-file.js';
import { MultiIndex } from './multi-index.js';
import type { IndexEntry } from './signal-index.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-index-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A source like the signals table: rows with growing ids; counts how often it was read. */
function tableSource(n: number) {
  const data = makeHashes(n, 'clustered', 5);
  const rows: IndexEntry[] = Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    value: wordsToHex(data.hashes, i * 8),
  }));
  const source: IndexSource & { rows: IndexEntry[]; reads: number } = {
    rows,
    reads: 0,
    async checkpoint() {
      return { lastId: rows.at(-1)?.id ?? 0, count: rows.length };
    },
    entries() {
      source.reads++;
      return rows;
    },
  };
  return source;
}

function cache(file: string, source: IndexSource, reasons: string[]) {
  return new IndexCache({
    file,
    source,
    create: () => new MultiIndex(),
    deserialize: (b) => MultiIndex.deserialize(b),
    onRebuild: (r) => reasons.push(r),
  });
}

test('builds once, then loads the snapshot while the source is unchanged; rebuilds when it changes', async () => {
  const file = join(dir, 'pdq.idx');
  const source = tableSource(5000);
  const reasons: string[] = [];
  const first = await cache(file, source, reasons).refresh();
  assert.equal(first.size, 5000);
  assert.deepEqual(reasons, ['no snapshot file yet']);
  assert.equal(statSync(file).mode & 0o777, 0o600);

  const again = cache(file, source, reasons);
  const loaded = await again.refresh();
  assert.equal(source.reads, 1, 'an up-to-date snapshot is used, not rebuilt');
  assert.deepEqual(loaded.checkpoint, { lastId: 5000, count: 5000 });
  assert.deepEqual(loaded.query(source.rows[42].value, 0)[0], { id: 43, distance: 0 });

  source.rows.push({ id: 6000, value: 'a'.repeat(64) });
  const before = again.current;
  const [r1, r2] = await Promise.all([again.refresh(), again.refresh()]);
  assert.equal(r1, r2, 'concurrent refreshes share one rebuild');
  assert.notEqual(r1, before, 'the new index is swapped in whole');
  assert.equal(source.reads, 2);
  assert.deepEqual(r1.query('a'.repeat(64), 0), [{ id: 6000, distance: 0 }]);
  assert.equal(before?.query('a'.repeat(64), 0).length, 0, 'the old index was not changed under its readers');
});

test('a damaged or truncated snapshot is detected and rebuilt from the source, never trusted', async () => {
  const source = tableSource(3000);
  for (const damage of ['flip', 'truncate', 'garbage'] as const) {
    const file = join(dir, `damaged-${damage}.idx`);
    const reasons: string[] = [];
    await cache(file, source, reasons).refresh();
    const bytes = readFileSync(file);
    if (damage === 'flip') {
      bytes[bytes.length >> 1] ^= 0x40;
      writeFileSync(file, bytes);
    } else if (damage === 'truncate') truncateSync(file, bytes.length - 1000);
    else writeFileSync(file, 'not an index');
    assert.ok('reason' in readIndexFile(file, (b) => MultiIndex.deserialize(b)));
    const rebuilt = await cache(file, source, reasons).refresh();
    assert.equal(rebuilt.size, 3000);
    assert.match(reasons[1], /not usable/, `${damage}: the reason names the damage`);
    assert.ok('index' in readIndexFile(file, (b) => MultiIndex.deserialize(b)), 'a good snapshot replaced it');
  }
});

test('writing a snapshot leaves no temp file and replaces the old one whole', () => {
  const file = join(dir, 'atomic.idx');
  writeIndexFile(file, new MultiIndex());
  const index = new MultiIndex();
  index.add(1, 'b'.repeat(64));
  writeIndexFile(file, index);
  const loaded = readIndexFile(file, (b) => MultiIndex.deserialize(b));
  assert.equal(loaded.index?.size, 1);
  assert.throws(() => statSync(`${file}.${process.pid}.tmp`));
});
