/**
 * The table of migration 0012_jobs as Kysely sees it (merged into VigilSchema by schema.ts): the
 * job queue of src/jobs/. Payload, progress and result are JSON text.
 */
import type { Generated } from 'kysely';

export interface JobTable {
  id: Generated<number>;
  kind: string;
  /** The agency the job works for: only its users see the job. */
  agency_id: number;
  created_by: number | null;
  /** Jobs enqueued together (one upload request), for progress counts. */
  batch: string | null;
  payload: string;
  /** Stored content the job still needs (an upload): blob garbage collection spares it. */
  blob_sha256: string | null;
  status: string;
  attempts: Generated<number>;
  max_attempts: number;
  run_after: number;
  /** New at every claim: only the holder of the current claim may renew, finish or release it. */
  claim_token: string | null;
  locked_until: number | null;
  progress: string | null;
  result: string | null;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export interface JobSchema {
  jobs: JobTable;
}
