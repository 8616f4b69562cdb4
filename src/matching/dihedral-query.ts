/**
 * One call for the 8 dihedral variants of a PDQ hash (rotations and mirrors of the same picture):
 * each id is reported once, at its smallest distance, with the variant that matched.
 */
import { DIHEDRAL_NAMES, type DihedralName } from '../signals/pdq/dihedral.js';
import type { IndexMatch, SignalIndex } from './signal-index.js';

export interface DihedralMatch extends IndexMatch {
  /** Which transform of the needle matched: 'orig' when the stored picture is the same way up. */
  variant: DihedralName;
}

export function queryDihedral(
  index: SignalIndex,
  variants: Record<DihedralName, string>,
  maxDistance: number,
): DihedralMatch[] {
  const best = new Map<number, DihedralMatch>();
  for (const variant of DIHEDRAL_NAMES) {
    for (const m of index.query(variants[variant], maxDistance)) {
      const seen = best.get(m.id);
      if (!seen || m.distance < seen.distance) best.set(m.id, { ...m, variant });
    }
  }
  return [...best.values()].sort((a, b) => a.distance - b.distance || a.id - b.id);
}
