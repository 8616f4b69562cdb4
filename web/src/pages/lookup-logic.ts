/**
 * The lookup page's pure parts: which hashes a pasted text holds, and what each answer means for
 * the investigator (not known / known / near-duplicate / ignorable), closest first.
 */

export type HashType = 'md5' | 'sha1' | 'sha256' | 'pdq';
export type SixtyFourAs = 'sha256' | 'pdq' | 'both';

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
