/**
 * The lookup page's pure parts: which hashes a pasted text holds, and what each answer means for
 * the investigator (not known / known / near-duplicate / ignorable), closest first, and whether
 * the victims of the series it belongs to are identified.
 */

export type HashType = 'md5' | 'sha1' | 'sha256' | 'pdq';
export type SixtyFourAs = 'sha256' | 'pdq' | 'both';

/** A hash type as the page writes it, the same as in the "Read 64-digit hashes as" choice. */
const TYPE_NAMES: Record<string, string> = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', pdq: 'PDQ' };

/** The name of a hash type for the answers' table: SHA-256, not the upper-cased code SHA256. */
export function hashTypeName(type: string): string {
  return TYPE_NAMES[type] ?? type.toUpperCase();
}

export interface Signal {
  type: HashType;
  value: string;
}

export interface ParsedHashes {
  signals: Signal[];
  /** Tokens that are not 32, 40 or 64 hex digits. */
  rejected: string[];
}

/** Hashes in any text: one or more per line, separated by spaces, commas or semicolons. */
export function parseHashes(text: string, sixtyFour: SixtyFourAs): ParsedHashes {
  const signals: Signal[] = [];
  const rejected: string[] = [];
  const seen = new Set<string>();
  const add = (type: HashType, value: string) => {
    const key = `${type}:${value}`;
    if (!seen.has(key)) {
      seen.add(key);
      signals.push({ type, value });
    }
  };
  for (const token of text.split(/[\s,;]+/)) {
    if (token === '') continue;
    const value = token.toLowerCase();
    if (!/^[0-9a-f]+$/.test(value)) rejected.push(token);
    else if (value.length === 32) add('md5', value);
    else if (value.length === 40) add('sha1', value);
    else if (value.length === 64) {
      if (sixtyFour !== 'pdq') add('sha256', value);
      if (sixtyFour !== 'sha256') add('pdq', value);
    } else rejected.push(token);
  }
  return { signals, rejected };
}

export interface MatchLike {
  kind: 'exact' | 'near';
  distance: number;
  knownGood: boolean;
}

export type Verdict = 'not-known' | 'known' | 'near' | 'ignorable';

/** The answer's headline: exact beats near; a known-good-only answer is ignorable. */
export function verdictOf(matches: readonly MatchLike[]): { verdict: Verdict; closest: number | null } {
  if (matches.length === 0) return { verdict: 'not-known', closest: null };
  const relevant = matches.filter((m) => !m.knownGood);
  if (relevant.length === 0) return { verdict: 'ignorable', closest: 0 };
  const closest = Math.min(...relevant.map((m) => m.distance));
  return { verdict: relevant.some((m) => m.kind === 'exact') ? 'known' : 'near', closest };
}

export interface SeriesVictims {
  victims: { total: number; identified: number };
}

export type VictimStatus = 'identified' | 'not-identified' | 'none';

/**
 * Whether the victims of the series a match belongs to are identified, over all its visible
 * series: identified when any is; null when the match shows no series (not the caller's to see).
 */
export function victimStatusOf(
  series: readonly SeriesVictims[],
): { status: VictimStatus; identified: number; total: number } | null {
  if (series.length === 0) return null;
  const total = series.reduce((n, s) => n + s.victims.total, 0);
  const identified = series.reduce((n, s) => n + s.victims.identified, 0);
  const status = identified > 0 ? 'identified' : total > 0 ? 'not-identified' : 'none';
  return { status, identified, total };
}
