/**
 * A scanned file's matches as data, beside the reasons triage words for people (issue #5): what
 * matched (kind), against what (a media item or a hash set's entry), and how closely (PDQ
 * distance; vPDQ shares and time ranges in both videos). Stored with the scan row as found when
 * the file was sorted; what the database knows about each target (series, category, victim
 * identified, owning agency) is added when a report is built (ingest/report/match-context.ts), so a report
 * says what is known now.
 */

import type { DihedralName } from '../signals/pdq/dihedral.js';
import type { MatchedRange } from './match.record.js';

export const FILE_MATCH_KINDS = ['sha256', 'sha1', 'md5', 'pdq', 'vpdq', 'camera-serial'] as const;
export type FileMatchKind = (typeof FILE_MATCH_KINDS)[number];

export interface FileMatch {
  kind: FileMatchKind;
  /** The known media item matched, or null for a hash-set entry. */
  mediaId: number | null;
  /** The hash-set entry matched, or null for a media item. */
  hashSetEntryId: number | null;
  /** The entry's set; null for media, or where the set is shared as hashes only. */
  hashSet: string | null;
  /** The entry's set is known-good (NSRL-style): the file is ignorable. */
  knownGood?: boolean;
  /** PDQ: Hamming distance, and the rotation or mirror of the file that matched. */
  distance?: number;
  variant?: DihedralName;
  /** camera-serial: the serial this file and the media share. */
  serial?: string;
  /** vPDQ: share (0–100) of this video's frames in the known one and of its frames here, and where. */
  queryPercent?: number;
  comparedPercent?: number;
  /** Matched stretches in this video (query) and in the known one (compared), seconds. */
  queryRanges?: MatchedRange[];
  comparedRanges?: MatchedRange[];
}

/** Best first: known-good last; exact before perceptual before camera; closer before farther. */
export function bestFirst(matches: readonly FileMatch[]): FileMatch[] {
  const rank = (m: FileMatch) => FILE_MATCH_KINDS.indexOf(m.kind);
  const closeness = (m: FileMatch) => m.distance ?? (m.queryPercent === undefined ? 0 : 100 - m.queryPercent);
  const good = (m: FileMatch) => (m.knownGood ? 1 : 0);
  return [...matches].sort((a, b) => good(a) - good(b) || rank(a) - rank(b) || closeness(a) - closeness(b));
}

/** Reads the stored JSON (null on rows from before matches were stored). */
export function parseFileMatches(json: string | null): FileMatch[] {
  return json ? (JSON.parse(json) as FileMatch[]) : [];
}
