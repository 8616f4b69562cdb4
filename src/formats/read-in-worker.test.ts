import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempFolder } from '../../test/support/temp-folder.js';
import { sampleEntry, vicsText } from '../../test/support/vics-fixture.js';
import { AppError } from '../domain/app-error.js';
import { importFormatFor } from './format-registry.js';
import type { HashListItem } from './hash-list-item.js';
import { type ReadBatchOptions, readItemBatches } from './read-in-worker.js';

const { file } = tempFolder('vigil-read-worker-');

async function all(format: string, path: string, options: ReadBatchOptions): Promise<HashListItem[][]> {
  const batches: HashListItem[][] = [];
  for await (const batch of readItemBatches(await importFormatFor(format, path), path, options)) batches.push(batch);
  return batches;
}

async function failure(format: string, path: string, options: ReadBatchOptions): Promise<AppError> {
  try {
    await all(format, path, options);
  } catch (err) {
    assert.ok(err instanceof AppError, `an AppError, not ${String(err)}`);
    return err;
  }
  assert.fail('the read should have failed');
}

test('a VICS file read on the worker gives the same items, in the same order, as read here', async () => {
  const entries = Array.from({ length: 30 }, (_, i) => JSON.stringify(sampleEntry(i)));
  entries[4] = JSON.stringify({ ...sampleEntry(4), MD5: 'not hex' });
  entries[9] = JSON.stringify({ MediaID: 10, Category: 1 });
  entries[17] = JSON.stringify({ ...sampleEntry(17), Series: 'Sample; a, b', DateUpdated: 'whenever' });
  const path = file('set.json', vicsText(entries, { version: '2.0' }));
  const inline = await all('vics', path, { readThread: 'inline', batch: 7 });
  const worker = await all('vics', path, { readThread: 'worker', batch: 7 });
  assert.deepEqual(worker, inline);
  const flat = worker.flat();
  assert.equal(flat.length, 30);
  assert.deepEqual(
    flat.filter((i) => i.kind === 'rejected').map((i) => [i.line, i.code]),
    [
      [4, 'malformed-row'],
      [9, 'malformed-row'],
    ],
  );
  // A hash set keeps hashes, category and series: a bad date in an entry does not reject it.
  const seventeen = flat[17];
  assert.ok(seventeen.kind === 'row');
  assert.equal(seventeen.row.series, 'Sample; a, b');
  assert.equal(seventeen.row.md5, (sampleEntry(17).MD5 as string).toLowerCase());
});

test('a CSV list read on the worker gives the same items as read here', async () => {
  const lines = [
    'md5,category,series',
    `${'a'.repeat(32)},1,One`,
    'zz,2,Two',
    `${'b'.repeat(32)},,`,
    `${'c'.repeat(31)},1,`,
  ];
  const path = file('list.csv', lines.join('\n'));
  assert.deepEqual(await all('csv', path, { readThread: 'worker' }), await all('csv', path, { readThread: 'inline' }));
});

test('a read that fails on the worker fails here with the same code and words', async () => {
  const path = file('not-vics.json', '{"value": []}');
  const inline = await failure('vics', path, { readThread: 'inline' });
  const worker = await failure('vics', path, { readThread: 'worker' });
  assert.equal(inline.code, 'unsupported-format');
  assert.deepEqual([worker.code, worker.message], [inline.code, inline.message]);
});

test('items read before a fatal error come first, then the error, on the worker as here', async () => {
  const entries = [sampleEntry(0), { MediaID: 2 }, sampleEntry(2)].map((e) => JSON.stringify(e));
  const path = file('broken.json', vicsText(entries, { version: '2.0' }).replace(/\]\}$/, ']]}'));
  for (const readThread of ['inline', 'worker'] as const) {
    const seen: HashListItem[] = [];
    const format = await importFormatFor('vics', path);
    await assert.rejects(
      (async () => {
        for await (const batch of readItemBatches(format, path, { readThread, batch: 100 })) seen.push(...batch);
      })(),
      (err: unknown) => AppError.is(err, 'unsupported-format'),
    );
    assert.deepEqual(
      seen.map((i) => (i.kind === 'row' ? i.line : `${i.line}:${i.code}`)),
      [0, '1:malformed-row', 2],
      readThread,
    );
  }
});

test('a consumer that stops early stops the worker (the test would not end otherwise)', async () => {
  const entries = Array.from({ length: 10_000 }, (_, i) => JSON.stringify(sampleEntry(i)));
  const path = file('long.json', vicsText(entries, { version: '1.3' }));
  let seen = 0;
  for await (const batch of readItemBatches(await importFormatFor('vics', path), path, {
    readThread: 'worker',
    batch: 100,
  })) {
    seen += batch.length;
    break;
  }
  assert.ok(seen >= 100 && seen < 10_000, `${seen} items in the first batch`);
});
