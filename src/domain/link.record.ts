/**
 * A link between two records (a media in a series, a victim of a series, a clue pointing at a
 * place, …), made by an agency and, when a person made it, by a user. Generic by design: kinds
 * and relations are data.
 */

/** The records a link may join. */
export const RECORD_KINDS = [
  'case',
  'exhibit',
  'media',
  'series',
  'victim',
  'offender',
  'place',
  'clue',
  'hash_set',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export function isRecordKind(value: string): value is RecordKind {
  return (RECORD_KINDS as readonly string[]).includes(value);
}

/** A record by kind and id. */
export interface RecordRef {
  kind: RecordKind;
  id: number;
}

export interface Link {
  id: number;
  agencyId: number;
  from: RecordRef;
  to: RecordRef;
  /** e.g. `member` (media → series), `depicts` (series → victim), `located_at` (clue → place). */
  relation: string;
  /** The user who made it; null when the system did. */
  createdBy: number | null;
  createdAt: number;
}
