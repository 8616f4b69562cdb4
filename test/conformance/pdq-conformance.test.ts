/**
 * PDQ against the reference implementation's own outputs (../shared/conformance/pdq): identical
 * hash and quality for every JPEG and PNG, ≤ 10 bits for other formats at quality ≥ 80, the 8
 * dihedral hashes of the bridge, and each transformed bridge nearest its matching variant.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DIHEDRAL_NAMES, type DihedralName } from '../../src/signals/pdq/dihedral.js';
import { pdqHexDistance } from '../../src/signals/pdq/pdq-hash.js';
import { pdqFromImage } from '../../src/signals/pdq/pdq-image.js';
import { conformanceMissing, PDQ_VECTORS } from '../support/paths.js';

function readCsv(name: string): string[][] {
  return readFileSync(join(PDQ_VECTORS, name), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
}

const rows = conformanceMissing ? [] : readCsv('expected.csv');

describe('PDQ conformance with the reference pdq-photo-hasher', { skip: conformanceMissing }, () => {
  test('the vector list is complete', () => {
    assert.ok(rows.length >= 49, `expected.csv has ${rows.length} rows`);
  });

  for (const [hash, quality, path] of rows) {
    const lossless = /\.(jpe?g|png)$/i.test(path);
    test(`${path}: ${lossless ? 'identical hash and quality' : 'within 10 bits'}`, async () => {
      const got = await pdqFromImage(join(PDQ_VECTORS, path));
      if (lossless) {
        assert.equal(got.hash, hash);
        assert.equal(got.quality, Number(quality));
      } else if (Number(quality) >= 80) {
        assert.ok(pdqHexDistance(got.hash, hash) <= 10, `distance ${pdqHexDistance(got.hash, hash)}`);
      }
    });
  }

  test('the 8 dihedral hashes of bridge-1-original.jpg are identical to the reference', async () => {
    const [expected] = readCsv('expected-dihedral.csv');
    const got = await pdqFromImage(join(PDQ_VECTORS, 'reg-test-input/dih/bridge-1-original.jpg'), { dihedral: true });
    assert.deepEqual(
      DIHEDRAL_NAMES.map((n) => got.dihedral?.[n]),
      expected.slice(0, 8),
    );
    assert.equal(got.quality, Number(expected[8]));
  });

  const transformed: Array<[string, DihedralName]> = [
    ['bridge-2-rotate-90.jpg', 'rot90'],
    ['bridge-3-rotate-180.jpg', 'rot180'],
    ['bridge-4-rotate-270.jpg', 'rot270'],
    ['bridge-5-flipx.jpg', 'flipx'],
    ['bridge-6-flipy.jpg', 'flipy'],
    ['bridge-7-flip-plus-1.jpg', 'flipplus1'],
    ['bridge-8-flip-minus-1.jpg', 'flipminus1'],
  ];
  for (const [file, variant] of transformed) {
    test(`${file} is nearest to the ${variant} variant of the original`, async () => {
      const orig = await pdqFromImage(join(PDQ_VECTORS, 'reg-test-input/dih/bridge-1-original.jpg'), {
        dihedral: true,
      });
      const got = await pdqFromImage(join(PDQ_VECTORS, 'reg-test-input/dih', file));
      const distances = DIHEDRAL_NAMES.map((n) => [n, pdqHexDistance(got.hash, orig.dihedral?.[n] ?? '')] as const);
      distances.sort((a, b) => a[1] - b[1]);
      assert.equal(distances[0][0], variant, JSON.stringify(distances));
      assert.ok(distances[0][1] <= 31 && distances[1][1] > 64, JSON.stringify(distances));
    });
  }
});
