/**
 * The database as Kysely sees it: one interface per table, snake_case as in SQL. The same on
 * SQLite and PostgreSQL: ids are integers (64-bit on PostgreSQL, surfaced as numbers), times are
 * integer milliseconds since the Unix epoch (UTC), there are no boolean or JSON columns (0/1
 * integers and JSON text when they come). Migrations in ./migrations/ create exactly this.
 */
import type { Generated } from 'kysely';
import type { AuditSchema } from './audit-schema.js';
import type { AuthSchema } from './auth-schema.js';
import type { JobSchema } from './job-schema.js';
import type { RecordsSchema } from './records-schema.js';
import type { ScanSchema } from './scan-schema.js';
import type { UploadSessionSchema } from './upload-session-schema.js';
import type { VicsSchema } from './vics-schema.js';

export interface AgencyTable {
  id: Generated<number>;
  country_code: string;
  name: string;
  created_at: number;
}

export interface UserTable {
  id: Generated<number>;
  agency_id: number;
  username: string;
  display_name: string;
  created_at: number;
  disabled_at: number | null;
}

export interface UserRoleTable {
  user_id: number;
  role: string;
}

export interface CaseTable {
  id: Generated<number>;
  agency_id: number;
  reference: string;
  title: string;
  created_at: number;
  closed_at: number | null;
}

export interface ExhibitTable {
  id: Generated<number>;
  case_id: number;
  agency_id: number;
  label: string;
  kind: string | null;
  created_at: number;
}

export interface MediaTable {
  id: Generated<number>;
  sha256: string;
  md5: string;
  sha1: string;
  size: number;
  mime: string | null;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  created_at: number;
}

export interface MediaMetadataTable {
  media_id: number;
  camera_make: string | null;
  camera_model: string | null;
  camera_serial: string | null;
  taken_at: number | null;
  updated_at: number;
  // Migration 0007.
  lens_model: string | null;
  lens_serial: string | null;
  taken_at_local: string | null;
  taken_at_offset_min: number | null;
  taken_at_source: string | null;
  gps_latitude: number | null;
  gps_longitude: number | null;
  gps_altitude_m: number | null;
  software: string | null;
  orientation: number | null;
}

export interface SignalTable {
  id: Generated<number>;
  media_id: number;
  type: string;
  value: string;
  quality: number | null;
}

export interface SightingTable {
  id: Generated<number>;
  media_id: number;
  exhibit_id: number;
  agency_id: number;
  path: string;
  file_created_at: number | null;
  file_modified_at: number | null;
  file_accessed_at: number | null;
  seen_at: number;
}

/** Core tables here; the linked records of migration 0002 in records-schema.ts, the audit log (0003) in audit-schema.ts. */
export interface VigilSchema
  extends RecordsSchema,
    AuditSchema,
    ScanSchema,
    AuthSchema,
    JobSchema,
    VicsSchema,
    UploadSessionSchema {
  agencies: AgencyTable;
  users: UserTable;
  user_roles: UserRoleTable;
  cases: CaseTable;
  exhibits: ExhibitTable;
  media: MediaTable;
  media_metadata: MediaMetadataTable;
  signals: SignalTable;
  sightings: SightingTable;
}
