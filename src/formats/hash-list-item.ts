/**
 * What every hash-list reader yields, one item per line of the file: an accepted row with its
 * hashes normalised (lower-case hex, checked length) or a rejection with a reason. A reader never
 * throws for a bad row; it rejects it and reads on (STYLE.md §6).
 */

export interface HashListRow {
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  pdq: string | null;
  /** PDQ quality 0–100, when given. */
  pdqQuality: number | null;
  /** The category as the file writes it (a value code of the import's scheme), when given. */
  category: string | null;
  /** The series as the file names it, when given. */
  series: string | null;
  /** For a video: the stretches (seconds) that matched known material (VICS `Segments`). */
  segments?: readonly { start: number; end: number }[];
}

export type RejectCode =
  | 'malformed-hex'
  | 'wrong-length'
  | 'no-hash'
  | 'bad-quality'
  | 'unknown-category'
  | 'unmapped-category'
  | 'malformed-row';

export interface RejectedItem {
  kind: 'rejected';
  /** Line number in the file, from 1 (for VICS: the entry's index, from 0). */
  line: number;
  code: RejectCode;
  reason: string;
}

export type HashListItem = { kind: 'row'; line: number; row: HashListRow } | RejectedItem;

export function emptyRow(): HashListRow {
  return { md5: null, sha1: null, sha256: null, pdq: null, pdqQuality: null, category: null, series: null };
}

export function rejected(line: number, code: RejectCode, reason: string): RejectedItem {
  return { kind: 'rejected', line, code, reason };
}
