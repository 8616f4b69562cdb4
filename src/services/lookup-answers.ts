/**
 * What a lookup answers per signal, built from hits that already passed the caller's access rules
 * (lookup.repository.ts): each match says exact or near, the distance, and only what the caller
 * may see — the media id and its visible series when the media is visible to it, the hash set
 * when the set is; for hashes shared `hash_only` just that they are known (with the entry's
 * category). Pure: no I/O.
 */
import type { Category, EntryHitRow, MediaHitRow, SeriesRow, VictimCounts } from '../storage/lookup.repository.js';

/** Most matches listed per signal (closest first); `truncated` says when there were more. */
export const MAX_MATCHES = 100;

export interface LookupMatch {
  kind: 'exact' | 'near';
  distance: number;
  source: 'media' | 'hash_set_entry';
  /** The media, when the caller may see it (null: known only by a series shared hash-only). */
  mediaId: number | null;
  /** Series the caller may see that the media belongs to, with their victims counted (linked, identified). */
  series: Array<{ id: number; reference: string; title: string; category: Category | null; victims: VictimCounts }>;
  /** The entry, when the caller may see its hash set (null: a hash-only set of another agency). */
  hashSetEntryId: number | null;
  hashSet: { id: number; name: string; agencyId: number } | null;
  /** The entry's category (hash-set entries; a media's categories are those of its series). */
  category: Category | null;
  /** The entry is in a known-good (NSRL-style) set: the material is ignorable. */
  knownGood: boolean;
}

export interface LookupAnswer {
  type: string;
  value: string;
  matches: LookupMatch[];
  truncated: boolean;
}

/** Candidate hits of one signal: ids with their distances (0 for digests). */
export interface Candidates {
  media: ReadonlyArray<{ id: number; distance: number }>;
  entries: ReadonlyArray<{ id: number; distance: number }>;
}

/** The visible rows of all signals of a request, by id. */
export interface VisibleHits {
  media: Map<number, MediaHitRow>;
  entries: Map<number, EntryHitRow>;
  series: Map<number, SeriesRow[]>;
  /** Victim counts of the visible series, by series id (absent: none linked). */
  victims: Map<number, VictimCounts>;
}

export function emptyHits(): VisibleHits {
  return { media: new Map(), entries: new Map(), series: new Map(), victims: new Map() };
}

export function answerOf(type: string, value: string, found: Candidates, visible: VisibleHits): LookupAnswer {
  const matches: LookupMatch[] = [];
  for (const c of found.media) {
    const row = visible.media.get(c.id);
    if (!row) continue;
    const series = row.recordVisible ? (visible.series.get(c.id) ?? []) : [];
    matches.push({
      kind: c.distance === 0 ? 'exact' : 'near',
      distance: c.distance,
      source: 'media',
      mediaId: row.recordVisible ? c.id : null,
      series: series.map((s) => ({
        id: s.id,
        reference: s.reference,
        title: s.title,
        category: s.category,
        victims: visible.victims.get(s.id) ?? { total: 0, identified: 0 },
      })),
      hashSetEntryId: null,
      hashSet: null,
      category: null,
      knownGood: false,
    });
  }
  for (const c of found.entries) {
    const row = visible.entries.get(c.id);
    if (!row) continue;
    matches.push({
      kind: c.distance === 0 ? 'exact' : 'near',
      distance: c.distance,
      source: 'hash_set_entry',
      mediaId: null,
      series: [],
      hashSetEntryId: row.setVisible ? row.entryId : null,
      hashSet: row.setVisible ? { id: row.hashSetId, name: row.hashSetName, agencyId: row.hashSetAgencyId } : null,
      category: row.category,
      knownGood: row.knownGood,
    });
  }
  matches.sort(
    (a, b) =>
      a.distance - b.distance ||
      (a.source === b.source ? 0 : a.source === 'media' ? -1 : 1) ||
      (a.mediaId ?? a.hashSetEntryId ?? 0) - (b.mediaId ?? b.hashSetEntryId ?? 0),
  );
  const truncated = matches.length > MAX_MATCHES;
  return { type, value, matches: truncated ? matches.slice(0, MAX_MATCHES) : matches, truncated };
}

/** The records the answers matched (every visible candidate), for the audit event: media ids and entries by owner agency. */
export interface Revealed {
  media: Set<number>;
  entriesByAgency: Map<number, Set<number>>;
}

export function revealedOf(candidates: readonly Candidates[], visible: VisibleHits): Revealed {
  const out: Revealed = { media: new Set(), entriesByAgency: new Map() };
  for (const found of candidates) {
    for (const c of found.media) if (visible.media.has(c.id)) out.media.add(c.id);
    for (const c of found.entries) {
      const row = visible.entries.get(c.id);
      if (!row) continue;
      const ids = out.entriesByAgency.get(row.hashSetAgencyId) ?? new Set<number>();
      ids.add(c.id);
      out.entriesByAgency.set(row.hashSetAgencyId, ids);
    }
  }
  return out;
}
