/**
 * How a scanned file is sorted (DESIGN.md §5): the rules alone, no I/O, so every case is tested.
 *
 * - `error`: a step failed before the file could be identified (no SHA-256); or it was identified
 *   but its picture or video could not be decoded and no exact hash is known, so it could not be
 *   sorted (issue #5: corrupt and truncated images are error rows). Its digests are kept, so a
 *   later copy is still found, and an exact hit still makes it known or ignorable.
 * - `known`: its exact hash is already held — in this database's media or a categorised hash set.
 * - `ignorable`: its exact hash is only in known-good sets (NSRL-style); a categorised hit wins.
 * - `near-duplicate`: no exact hit, but a PDQ within the threshold of known media or entries.
 * - `new`: none of these — possibly new material, the top priority for review.
 *
 * A camera serial seen on known media never changes the status (new material from a known
 * camera is still new) but is always given as a reason: it is one of the strongest leads.
 * Notes (metadata not read, damage in a video) come last and never change the status either.
 *
 * The reasons are English sentences with no code beside them; the web app recognises these
 * templates to say them in its language (web/src/i18n/reason-text.ts, tested against this module).
 */
import type { DihedralName } from '../signals/pdq/dihedral.js';

export type FileStatus = 'new' | 'known' | 'near-duplicate' | 'ignorable' | 'error';

/** Review order: what needs a person first comes first. */
export const STATUS_ORDER: readonly FileStatus[] = ['new', 'near-duplicate', 'known', 'error', 'ignorable'];

/** A hash set; `name` is null where the agency may see its hashes but not its record (`hash_only`). */
export interface HashSetSource {
  kind: 'hash-set';
  name: string | null;
  ignorable: boolean;
  /** The entry that matched (for its category and the report's match details). */
  entryId?: number;
}

export interface ExactHit {
  /** Where the hash was found. */
  source: { kind: 'media'; mediaId: number } | HashSetSource;
  hash: 'sha256' | 'sha1' | 'md5';
  /** Category label in the set's scheme, e.g. "VIC 1", when the set carries one. */
  category?: string;
}

export interface NearHit {
  source: { kind: 'media'; mediaId: number } | HashSetSource;
  distance: number;
  /** The rotation or mirror of this file that matched ('orig' when the same way up). */
  variant: DihedralName;
  category?: string;
}

/** A known video this video matches by vPDQ (matching/video-index.ts). */
export interface VideoNearHit {
  mediaId: number;
  /** Share (0–100) of this video's frames found in the known one, and of its frames found here. */
  queryPercent: number;
  comparedPercent: number;
  /** Where: the first matched stretch in the known video, seconds. */
  comparedRange?: { start: number; end: number };
}

export interface CameraHit {
  serial: string;
  mediaIds: readonly number[];
}

export interface TriageInput {
  identified: boolean;
  failure?: { step: string; message: string };
  exact: readonly ExactHit[];
  near: readonly NearHit[];
  /** Known videos matched by vPDQ (none for pictures). */
  videos?: readonly VideoNearHit[];
  camera: readonly CameraHit[];
  /**
   * What went wrong beside the sorting, said last whatever the status: metadata ExifTool could not
   * read, damage ffmpeg decoded around. They never change the status.
   */
  notes?: readonly string[];
}

export interface Triage {
  status: FileStatus;
  reasons: string[];
}

const HASH_NAME = { sha256: 'SHA-256', sha1: 'SHA-1', md5: 'MD5' } as const;

function where(source: ExactHit['source']): string {
  if (source.kind === 'media') return `media #${source.mediaId}`;
  return source.name === null ? 'a hash set shared as hashes only' : `hash set "${source.name}"`;
}

function withCategory(text: string, category?: string): string {
  return category ? `${text} (category ${category})` : text;
}

const VARIANT_TEXT: Record<DihedralName, string> = {
  orig: '',
  rot90: ', rotated 90°',
  rot180: ', rotated 180°',
  rot270: ', rotated 270°',
  flipx: ', mirrored left-right',
  flipy: ', mirrored top-bottom',
  flipplus1: ', mirrored on the diagonal',
  flipminus1: ', mirrored on the anti-diagonal',
};

export function triage(input: TriageInput): Triage {
  const t = sort(input);
  return input.notes?.length ? { status: t.status, reasons: [...t.reasons, ...input.notes] } : t;
}

function sort(input: TriageInput): Triage {
  const reasons: string[] = [];
  if (input.failure) reasons.push(`${input.failure.step} failed: ${input.failure.message}`);
  for (const c of input.camera) {
    const n = c.mediaIds.length;
    reasons.push(`camera serial ${c.serial} also on ${n} known media item${n === 1 ? '' : 's'}`);
  }
  if (!input.identified) return { status: 'error', reasons };

  const categorised = input.exact.filter((h) => !(h.source.kind === 'hash-set' && h.source.ignorable));
  const knownGood = input.exact.filter((h) => h.source.kind === 'hash-set' && h.source.ignorable);
  if (categorised.length > 0) {
    const found = categorised.map((h) => withCategory(`${HASH_NAME[h.hash]} matches ${where(h.source)}`, h.category));
    return { status: 'known', reasons: [...found, ...reasons] };
  }
  if (knownGood.length > 0) {
    const found = knownGood.map((h) => `${HASH_NAME[h.hash]} is in known-good ${where(h.source)}`);
    return { status: 'ignorable', reasons: [...found, ...reasons] };
  }
  const near = input.near.filter((h) => !(h.source.kind === 'hash-set' && h.source.ignorable));
  if (near.length > 0) {
    const sorted = [...near].sort((a, b) => a.distance - b.distance);
    const found = sorted.map((h) =>
      withCategory(`PDQ within ${h.distance} bits of ${where(h.source)}${VARIANT_TEXT[h.variant]}`, h.category),
    );
    return { status: 'near-duplicate', reasons: [...found, ...reasons] };
  }
  const videos = [...(input.videos ?? [])].sort((a, b) => b.queryPercent - a.queryPercent || a.mediaId - b.mediaId);
  if (videos.length > 0) {
    return { status: 'near-duplicate', reasons: [...videos.map(videoReason), ...reasons] };
  }
  if (input.failure) {
    return { status: 'error', reasons: [...reasons, 'no exact match; not compared for near-duplicates'] };
  }
  return { status: 'new', reasons: ['no exact or near-duplicate match', ...reasons] };
}

/** Seconds as m:ss (h:mm:ss from an hour on). */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

function videoReason(v: VideoNearHit): string {
  const pct = (n: number) => `${Math.floor(n)}%`;
  const where = v.comparedRange ? ` (its ${clock(v.comparedRange.start)}–${clock(v.comparedRange.end)})` : '';
  return `vPDQ: ${pct(v.queryPercent)} of this video's frames are in media #${v.mediaId}${where}; ${pct(v.comparedPercent)} of its frames are here`;
}
