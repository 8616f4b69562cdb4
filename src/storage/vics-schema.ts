/** The tables of migration 0018_vics_cases as Kysely sees them (merged into VigilSchema by schema.ts). */
import type { Generated } from 'kysely';

export interface VicsCaseTable {
  case_id: number;
  agency_id: number;
  version: string;
  flavour: string;
  /** The category scheme the export's categories were read in (`projectvic_us`, …). */
  scheme: string;
  /** JSON object: the case's own fields as the export had them (`CaseID`, `CaseNumber`, …). */
  info: string;
  updated_at: number;
}

export interface VicsEntryTable {
  id: Generated<number>;
  agency_id: number;
  case_id: number;
  media_id: number | null;
  md5: string | null;
  sha1: string | null;
  /** JSON object: the Media entry as Vigil writes it (every field, unknown ones included). */
  entry: string;
  created_at: number;
}

export interface VicsSchema {
  vics_cases: VicsCaseTable;
  vics_entries: VicsEntryTable;
}
