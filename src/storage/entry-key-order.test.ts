import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { sortedByKey } from './entry-key-order.js';
import type { NewHashSetEntry } from './hash-set-entry.repository.js';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const byText = (entries: NewHashSetEntry[], key: (e: NewHashSetEntry) => string) =>
  [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
const strongest = (e: NewHashSetEntry) => e.sha256 ?? e.sha1 ?? e.md5 ?? e.pdq ?? '';

test('entries come in the order of their strongest hash as text, whatever mix of hashes they hold', () => {
  const entries: NewHashSetEntry[] = [];
  for (let i = 0; i < 3000; i++) {
    const kind = i % 4;
    if (kind === 0) entries.push({ sha256: hex(32), md5: hex(16) });
    else if (kind === 1) entries.push({ sha1: hex(20), md5: hex(16) });
    else if (kind === 2) entries.push({ md5: hex(16) });
    else entries.push({ pdq: hex(32) });
  }
  // Keys sharing their first 8 digits are ordered by the rest.
  const lead = hex(4);
  for (let i = 0; i < 50; i++) entries.push({ md5: `${lead}${hex(12)}` }, { sha1: `${lead}${hex(16)}` });
  const sorted = sortedByKey(entries);
  assert.equal(sorted.length, entries.length);
  assert.deepEqual(sorted.map(strongest), byText(entries, strongest).map(strongest));
});

test('keys that are not lowercase hex are ordered by their text too', () => {
  const entries: NewHashSetEntry[] = [
    { md5: 'ffffffff00000000000000000000000a' },
    { md5: 'ABCDEF0123456789ABCDEF0123456789' },
    { md5: '0000000g' },
    { md5: 'short' },
    { md5: '00000000ffffffffffffffffffffffff' },
    { md5: '1234567' },
  ];
  assert.deepEqual(sortedByKey(entries).map(strongest), byText(entries, strongest).map(strongest));
});
