/**
 * Classification schemes as data (DESIGN.md §2): a scheme (Project VIC US 0–4, UK CAID A/B/C,
 * the Baseline flag, or one an installation adds) has ordered values; values of different
 * schemes are mapped to each other. The built-in schemes are seeded by migration 0002.
 */

/** Codes of the schemes Vigil is installed with. */
export const BUILT_IN_SCHEMES = {
  projectVicUs: 'projectvic_us',
  ukCaid: 'uk_caid',
  baseline: 'baseline',
  /** Migration 0008. */
  dhsLegacy: 'dhs_legacy',
} as const;

export interface CategoryScheme {
  id: number;
  /** Stable machine name, unique (e.g. `projectvic_us`). */
  code: string;
  name: string;
  description: string | null;
  /** 0 for the built-in schemes. */
  createdAt: number;
}

export interface CategoryValue {
  id: number;
  schemeId: number;
  /** Unique within the scheme (e.g. `1`, `A`, `baseline`). */
  code: string;
  label: string;
  description: string | null;
  /** Order within the scheme, from 0. */
  rank: number;
}

/**
 * `narrower`: every item in `from` is also in `to` (UK CAID A is within Project VIC 1);
 * `equivalent`: the two values describe the same items.
 */
export const MAPPING_RELATIONS = ['equivalent', 'narrower'] as const;
export type MappingRelation = (typeof MAPPING_RELATIONS)[number];

export interface CategoryMapping {
  fromValueId: number;
  toValueId: number;
  relation: MappingRelation;
}
