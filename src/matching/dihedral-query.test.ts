import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { conformanceMissing, PDQ_VECTORS } from '../../test/support/paths.js';
import { pdqFromImage } from '../signals/pdq/pdq-image.js';
import { queryDihedral } from './dihedral-query.js';
import { MultiIndex } from './multi-index.js';

const DIH = join(PDQ_VECTORS, 'reg-test-input/dih');

test('one dihedral query finds every rotated and mirrored copy, naming the transform', {
  skip: conformanceMissing,
}, async () => {
  const files = readdirSync(DIH).filter((f) => f.endsWith('.jpg') && !f.includes('original'));
  assert.ok(files.length >= 7, 'the conformance set has the transformed bridges');
  const index = new MultiIndex();
  for (const [id, f] of files.entries()) index.add(id, (await pdqFromImage(join(DIH, f))).hash);
  index.add(100, 'f'.repeat(64)); // an unrelated hash is not reported
  const original = await pdqFromImage(join(DIH, 'bridge-1-original.jpg'), { dihedral: true });
  assert.ok(original.dihedral);
  // The plain query finds none of the transformed copies at 31.
  assert.equal(index.query(original.hash, 31).length, 0);
  const found = queryDihedral(index, original.dihedral, 31);
  assert.deepEqual(
    found.map((m) => m.id).sort((a, b) => a - b),
    files.map((_, id) => id),
  );
  const transformOf: Record<string, string> = {
    'rotate-90': 'rot90',
    'rotate-180': 'rot180',
    'rotate-270': 'rot270',
    flipx: 'flipx',
    flipy: 'flipy',
    'flip-plus-1': 'flipplus1',
    'flip-minus-1': 'flipminus1',
  };
  for (const m of found) {
    const transform = files[m.id].replace(/^bridge-\d-|\.jpg$/g, '');
    assert.equal(m.variant, transformOf[transform], `${files[m.id]} matched through ${m.variant}`);
  }
});
