/**
 * The tables of migration 0002_records as Kysely sees them (same conventions as schema.ts, which
 * merges them into VigilSchema): integer ids and millisecond times, text for kinds and statuses,
 * 8-byte floats for coordinates and overlaps.
 */
import type { Generated } from 'kysely';

export interface CategorySchemeTable {
  id: Generated<number>;
  code: string;
  name: string;
  description: string | null;
  created_at: number;
}

export interface CategoryValueTable {
  id: Generated<number>;
  scheme_id: number;
  code: string;
  label: string;
  description: string | null;
  rank: number;
}

export interface CategoryMappingTable {
  from_value_id: number;
  to_value_id: number;
  relation: string;
}

export interface HashSetTable {
  id: Generated<number>;
  agency_id: number;
  name: string;
  source: string;
  scheme_id: number | null;
  terms: string | null;
  sharing: string;
  created_at: number;
  /** Migration 0008: 1 for a known-good (NSRL-style) set. */
  known_good: Generated<number>;
}

export interface HashSetShareTable {
  hash_set_id: number;
  agency_id: number;
}

export interface HashSetEntryTable {
  id: Generated<number>;
  hash_set_id: number;
  agency_id: number;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  pdq: string | null;
  category_value_id: number | null;
  // Migration 0008.
  pdq_quality: number | null;
  series_label: string | null;
}

export interface SeriesTable {
  id: Generated<number>;
  agency_id: number;
  reference: string;
  title: string;
  status: string;
  sharing: string;
  created_at: number;
  updated_at: number;
  /** Migration 0014. */
  category_value_id: number | null;
}

export interface SeriesShareTable {
  series_id: number;
  agency_id: number;
  created_at: number;
}

/** `victims` and `offenders` have this same shape. */
export interface PersonTable {
  id: Generated<number>;
  agency_id: number;
  reference: string;
  identified_at: number | null;
  identified_by_agency_id: number | null;
  created_at: number;
}

export interface PlaceTable {
  id: Generated<number>;
  agency_id: number;
  name: string;
  description: string | null;
  country_code: string | null;
  latitude: number | null;
  longitude: number | null;
  created_at: number;
}

export interface ClueTable {
  id: Generated<number>;
  agency_id: number;
  media_id: number;
  kind: string;
  description: string;
  crop_x: number | null;
  crop_y: number | null;
  crop_w: number | null;
  crop_h: number | null;
  created_at: number;
}

export interface LinkTable {
  id: Generated<number>;
  agency_id: number;
  from_kind: string;
  from_id: number;
  to_kind: string;
  to_id: number;
  relation: string;
  created_by: number | null;
  created_at: number;
}

export interface MatchTable {
  id: Generated<number>;
  agency_id: number;
  media_id: number;
  other_media_id: number | null;
  hash_set_entry_id: number | null;
  kind: string;
  distance: number | null;
  overlap: number | null;
  verdict: string;
  decided_by: number | null;
  decided_at: number | null;
  created_at: number;
  /** Migration 0014: why the reviewer decided so. */
  verdict_reason: string | null;
  /** Migration 0015: JSON details of a `vpdq` match (percentages, matched time ranges). */
  details: string | null;
}

export interface NoteTable {
  id: Generated<number>;
  agency_id: number;
  author_id: number;
  series_id: number | null;
  case_id: number | null;
  reply_to_id: number | null;
  body: string;
  created_at: number;
}

export interface NoteVisibilityTable {
  note_id: number;
  agency_id: number;
}

export interface AlertTable {
  id: Generated<number>;
  agency_id: number;
  about_kind: string;
  about_id: number;
  match_id: number | null;
  reason: string;
  created_at: number;
  read_at: number | null;
  read_by: number | null;
  // Migration 0014.
  from_agency_id: number | null;
  victim_id: number | null;
}

export interface RecordsSchema {
  category_schemes: CategorySchemeTable;
  category_values: CategoryValueTable;
  category_mappings: CategoryMappingTable;
  hash_sets: HashSetTable;
  hash_set_shares: HashSetShareTable;
  hash_set_entries: HashSetEntryTable;
  series: SeriesTable;
  series_shares: SeriesShareTable;
  victims: PersonTable;
  offenders: PersonTable;
  places: PlaceTable;
  clues: ClueTable;
  links: LinkTable;
  matches: MatchTable;
  notes: NoteTable;
  note_visibility: NoteVisibilityTable;
  alerts: AlertTable;
}
