/**
 * The 8 dihedral variants of a PDQ hash, computed from the 16×16 DCT without re-hashing
 * (ALGORITHMS.md §1.9). A flip along an axis negates coefficients of odd frequency along it,
 * which are the even indices (index = frequency − 1).
 */
export const DIHEDRAL_NAMES = [
  'orig',
  'rot90',
  'rot180',
  'rot270',
  'flipx',
  'flipy',
  'flipplus1',
  'flipminus1',
] as const;
export type DihedralName = (typeof DIHEDRAL_NAMES)[number];

type Rule = { transpose: boolean; negate: (i: number, j: number) => boolean };

const RULES: Record<DihedralName, Rule> = {
  orig: { transpose: false, negate: () => false },
  rot90: { transpose: true, negate: (_i, j) => (j & 1) === 0 },
  rot180: { transpose: false, negate: (i, j) => ((i + j) & 1) === 1 },
  rot270: { transpose: true, negate: (i) => (i & 1) === 0 },
  flipx: { transpose: false, negate: (i) => (i & 1) === 0 },
  flipy: { transpose: false, negate: (_i, j) => (j & 1) === 0 },
  flipplus1: { transpose: true, negate: () => false },
  flipminus1: { transpose: true, negate: (i, j) => ((i + j) & 1) === 1 },
};

/** The DCT of the transformed image, from the DCT `a` of the original (16×16 row-major). */
export function dihedralDct(a: Float32Array, name: DihedralName): Float32Array {
  const rule = RULES[name];
  const b = new Float32Array(256);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      const v = a[i * 16 + j];
      const target = rule.transpose ? j * 16 + i : i * 16 + j;
      b[target] = rule.negate(i, j) ? -v : v;
    }
  }
  return b;
}
