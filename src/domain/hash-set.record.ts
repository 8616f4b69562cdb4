/**
 * An imported list of signals (DESIGN.md §2): a source, the category scheme its entries use,
 * licence or sharing terms as given by the source, and a sharing level (sharing.record.ts).
 * Known-good sets (NSRL-style) are hash sets too.
 */
import type { SharingLevel } from './sharing.record.js';

export interface HashSet {
  id: number;
  agencyId: number;
  /** Unique within the agency. */
  name: string;
  /** Where the list came from (an organisation, a file, a feed). */
  source: string;
  /** The scheme of its entries' categories, if they carry any. */
  schemeId: number | null;
  /** The licence or sharing terms the source attached, verbatim. */
  terms: string | null;
  sharing: SharingLevel;
  createdAt: number;
  /** A known-good (NSRL-style) set: a file whose hash is only in such sets is ignorable. */
  knownGood: boolean;
}

/** The hashes an entry may carry, lower-case hex. */
export const ENTRY_HASHES = ['md5', 'sha1', 'sha256', 'pdq'] as const;
export type EntryHash = (typeof ENTRY_HASHES)[number];

/** One listed item; at least one hash. Unique within its set by its strongest hash. */
export interface HashSetEntry {
  id: number;
  hashSetId: number;
  agencyId: number;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  pdq: string | null;
  categoryValueId: number | null;
  /** PDQ quality (0–100) when the list gave one. */
  pdqQuality: number | null;
  /** The series as the list names it (free text, not a Vigil series id). */
  seriesLabel: string | null;
}
