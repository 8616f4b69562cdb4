/**
 * A match found by the system (DESIGN.md §2): a media against another media or a hash-set entry,
 * with how it matched, awaiting or bearing a human verdict.
 */

/** Free text in the database (similar-scene and embedding matches will come). */
export const MATCH_KINDS = ['exact', 'pdq', 'vpdq', 'serial'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export const VERDICTS = ['pending', 'confirmed', 'rejected'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** What a match was found against: exactly one of the two. */
export type MatchTarget =
  | { otherMediaId: number; hashSetEntryId?: undefined }
  | { hashSetEntryId: number; otherMediaId?: undefined };

/** A stretch of a video, in seconds, and how many matched frames it holds. */
export interface MatchedRange {
  start: number;
  end: number;
  frames: number;
}

/** What a `vpdq` match adds: how much of each video is in the other, and where. */
export interface VideoMatchDetails {
  /** Share (0–100) of the media's usable frames found in the other video. */
  queryPercent: number;
  /** Share (0–100) of the other video's usable frames found in the media. */
  comparedPercent: number;
  /** Where the matching frames are in the media, and in the other video. */
  queryRanges: MatchedRange[];
  comparedRanges: MatchedRange[];
}

export interface Match {
  id: number;
  agencyId: number;
  mediaId: number;
  otherMediaId: number | null;
  hashSetEntryId: number | null;
  kind: MatchKind;
  /** Hamming distance for perceptual hashes; null for exact and serial matches. */
  distance: number | null;
  /** Share of a video found in the other, 0–1; null unless a video match. */
  overlap: number | null;
  /** For a video match: both shares and the matched time ranges in both videos; else null. */
  details: VideoMatchDetails | null;
  verdict: Verdict;
  /** Who gave the verdict and when; null while pending. */
  decidedBy: number | null;
  decidedAt: number | null;
  /** Why the reviewer decided so; null while pending or when none was given. */
  verdictReason: string | null;
  createdAt: number;
}

/**
 * A verdict may be given (pending → confirmed/rejected), revised (confirmed ⇄ rejected) or
 * withdrawn (→ pending); setting the verdict a match already has is not a change.
 */
export function isVerdictChange(from: Verdict, to: Verdict): boolean {
  return from !== to;
}
