/**
 * The job queue (DESIGN.md §4): work that outlives a request (ingesting an upload) is enqueued
 * here and done by workers. One interface, one table (migration 0012), two ways to run it: the
 * embedded server runs an in-process runner over its SQLite file, and `vigil worker` processes on
 * any number of machines share a PostgreSQL queue (claims with `FOR UPDATE SKIP LOCKED`).
 *
 * A claim holds a lease: the worker renews it while it works, and a job whose worker died is
 * claimed again once the lease runs out. So a job may run more than once in total (at least
 * once), never twice at the same time while its lease is kept; handlers make their writes
 * idempotent (the ingest job's scan row is unique per file).
 */
import type { Kysely } from 'kysely';
import type { VigilSchema } from '../storage/schema.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';
export const JOB_STATUSES: readonly JobStatus[] = ['queued', 'running', 'done', 'failed'];

/** JSON-compatible values (payloads, progress and results are stored as JSON text). */
export type JobJson = string | number | boolean | null | JobJson[] | { [key: string]: JobJson };
export type JobObject = { [key: string]: JobJson };

export interface EnqueueOptions {
  /** The agency the job works for; only its users may see the job. */
  agencyId: number;
  /** The user who asked for it. */
  createdBy?: number | null;
  /** Not before this instant (ms since 1970; default now). */
  runAfter?: number;
  /** Tries before the job ends `failed` (default 5). */
  maxAttempts?: number;
  /** Groups jobs enqueued together (one upload), for progress counts. */
  batch?: string | null;
  /** Stored content the job needs; blob garbage collection spares it while the job is not done. */
  blobSha256?: string | null;
}

export interface Job {
  id: number;
  kind: string;
  agencyId: number;
  createdBy: number | null;
  batch: string | null;
  payload: JobObject;
  status: JobStatus;
  /** Claims so far (a job being worked on counts its current try). */
  attempts: number;
  maxAttempts: number;
  runAfter: number;
  lockedUntil: number | null;
  progress: JobObject | null;
  result: JobObject | null;
  /** The last failure, for people: set on a retry and on the final failure. */
  error: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

/** A job a worker holds: `token` proves the claim to renew, complete, fail or release it. */
export interface ClaimedJob extends Job {
  token: string;
}

/** How many jobs of a batch are in each state. */
export type BatchCounts = Record<JobStatus, number> & { total: number };

export interface FailOptions {
  /** False for failures a retry cannot fix (the job ends `failed` now). Default true. */
  retry?: boolean;
}

export interface JobQueue {
  /** Adds a job; returns its id. Runs inside `within` when given (the caller's transaction). */
  enqueue(kind: string, payload: JobObject, options: EnqueueOptions, within?: Kysely<VigilSchema>): Promise<number>;
  /**
   * Takes the next due job of one of `kinds` (queued and due, or running with an expired lease)
   * for `leaseMs`; null when there is none. Jobs whose lease ran out on their last try end `failed`.
   */
  claim(kinds: readonly string[], leaseMs: number): Promise<ClaimedJob | null>;
  /** Extends the lease; false when the claim was lost (the lease expired and another took it). */
  renew(job: ClaimedJob, leaseMs: number, progress?: JobObject): Promise<boolean>;
  /** Marks the job done with its result; false when the claim was lost. */
  complete(job: ClaimedJob, result: JobObject): Promise<boolean>;
  /** Queues a retry after a back-off, or ends the job `failed` once tries are used up. */
  fail(job: ClaimedJob, error: string, options?: FailOptions): Promise<boolean>;
  /** Gives the job back without counting the try (a worker stopping before it finished). */
  release(job: ClaimedJob): Promise<boolean>;
  get(id: number): Promise<Job | null>;
  batchCounts(batch: string): Promise<BatchCounts>;
  /** The jobs of one batch (an upload) enqueued for `agencyId`, in the order they were enqueued. */
  listBatch(batch: string, agencyId: number): Promise<Job[]>;
}

/** Wait before try `attempt + 1` after `attempt` failed: 5 s, 10 s, 20 s… capped at 15 min. */
export function defaultBackoff(attempt: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 15 * 60_000);
}

export const DEFAULT_MAX_ATTEMPTS = 5;
