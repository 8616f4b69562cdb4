/** The table of migrations 0021_upload_sessions and 0022_upload_session_leases as Kysely sees it (merged into VigilSchema by schema.ts). */
export interface UploadSessionTable {
  id: string;
  agency_id: number;
  user_id: number;
  exhibit_id: number;
  /** The file's path in the exhibit, as the client named it (cleaned). */
  name: string;
  size: number;
  /** Bytes durably in the partial file. */
  received: number;
  /** Set once the whole file was stored and its ingest job enqueued. */
  job_id: number | null;
  batch: string | null;
  sha256: string | null;
  created_at: number;
  updated_at: number;
  /** The token of the request writing the session now (0022); null when none. */
  writer: string | null;
  /** Until when (ms) `writer` holds the session unless it renews; a lapsed lease may be taken. */
  lease_until: number | null;
}

export interface UploadSessionSchema {
  upload_sessions: UploadSessionTable;
}
