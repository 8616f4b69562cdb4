import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyRow, type HashListItem, rejected } from './hash-list-item.js';
import { packItems, unpackItems } from './hash-list-packing.js';

const hex = (c: string, n: number) => c.repeat(n);

test('a batch comes back as it went, rows and rejections in their order', () => {
  const items: HashListItem[] = [
    rejected(1, 'malformed-row', 'the header; is, not a row'),
    { kind: 'row', line: 2, row: { ...emptyRow(), md5: hex('a', 32), category: '1', series: 'Sample; with, marks' } },
    {
      kind: 'row',
      line: 3,
      row: {
        md5: null,
        sha1: hex('b', 40),
        sha256: hex('c', 64),
        pdq: hex('d', 64),
        pdqQuality: 0,
        category: null,
        series: null,
      },
    },
    rejected(4, 'wrong-length', 'md5 has 31 hex digits, not 32'),
    rejected(5, 'no-hash', 'no hash'),
    { kind: 'row', line: 6, row: { ...emptyRow(), pdq: hex('e', 64), pdqQuality: 100 } },
  ];
  assert.deepEqual(unpackItems(packItems(items)), items);
  // Posting copies the batch (structured clone): the copy unpacks the same.
  assert.deepEqual(unpackItems(structuredClone(packItems(items))), items);
});

test('empty batches and batches of rejections only', () => {
  assert.deepEqual(unpackItems(packItems([])), []);
  const only = [rejected(9, 'malformed-hex', 'md5 is not hexadecimal')];
  assert.deepEqual(unpackItems(packItems(only)), only);
});
