/**
 * The job queue over the `jobs` table (migration 0012), the same code on both dialects; the SQL is
 * in storage/job.repository.ts. A claim is one atomic UPDATE (PostgreSQL: `FOR UPDATE SKIP
 * LOCKED`), so workers on any number of connections and machines each get a different job
 * without waiting on one another.
 *
 * Every change after a claim names the claim's token: a worker whose lease ran out and whose job
 * another worker took can no longer renew, complete or fail it.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { DialectName } from '../storage/dialect-name.js';
import { JobRepository } from '../storage/job.repository.js';
import type { JobTable } from '../storage/job-schema.js';
import type { VigilSchema } from '../storage/schema.js';
import {
  type BatchCounts,
  type ClaimedJob,
  DEFAULT_MAX_ATTEMPTS,
  defaultBackoff,
  type EnqueueOptions,
  type FailOptions,
  type Job,
  type JobObject,
  type JobQueue,
  type JobStatus,
} from './job-queue.js';

export interface SqlJobQueueOptions {
  /** The clock (tests move it). Workers on several machines need synchronised clocks (NTP). */
  now?: () => number;
  /** Wait before the next try after try `attempt` failed. */
  backoff?: (attempt: number) => number;
}

/** Messages stored with a job are for people and bounded; never content or evidence paths. */
const MAX_ERROR_CHARS = 2_000;

const EXHAUSTED =
  'The job stopped without finishing on its last try (its worker stopped or lost the database); it is not retried again.';

function parse(text: string | null): JobObject | null {
  return text === null ? null : (JSON.parse(text) as JobObject);
}

export function toJob(row: Selectable<JobTable>): Job {
  return {
    id: Number(row.id),
    kind: row.kind,
    agencyId: Number(row.agency_id),
    createdBy: row.created_by === null ? null : Number(row.created_by),
    batch: row.batch,
    payload: parse(row.payload) ?? {},
    status: row.status as JobStatus,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    runAfter: Number(row.run_after),
    lockedUntil: row.locked_until === null ? null : Number(row.locked_until),
    progress: parse(row.progress),
    result: parse(row.result),
    error: row.error,
    createdAt: Number(row.created_at),
    startedAt: row.started_at === null ? null : Number(row.started_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
  };
}

export class SqlJobQueue implements JobQueue {
  private readonly now: () => number;
  private readonly backoff: (attempt: number) => number;
  private readonly jobs: JobRepository;

  constructor(
    db: Kysely<VigilSchema>,
    private readonly dialect: DialectName,
    options: SqlJobQueueOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.backoff = options.backoff ?? defaultBackoff;
    this.jobs = new JobRepository(db, dialect);
  }

  enqueue(kind: string, payload: JobObject, options: EnqueueOptions, within?: Kysely<VigilSchema>) {
    const at = this.now();
    const jobs = within ? new JobRepository(within, this.dialect) : this.jobs;
    return jobs.insert({
      kind,
      agency_id: options.agencyId,
      created_by: options.createdBy ?? null,
      batch: options.batch ?? null,
      payload: JSON.stringify(payload),
      blob_sha256: options.blobSha256 ?? null,
      status: 'queued',
      max_attempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      run_after: options.runAfter ?? at,
      created_at: at,
    });
  }

  async claim(kinds: readonly string[], leaseMs: number): Promise<ClaimedJob | null> {
    if (kinds.length === 0) return null;
    const at = this.now();
    // Running jobs whose lease ran out on their last try end `failed` (a crash loop stops here).
    await this.jobs.failExhausted(kinds, at, EXHAUSTED);
    const token = randomBytes(16).toString('hex');
    const row = await this.jobs.claim(kinds, at, at + leaseMs, token);
    return row ? { ...toJob(row), token } : null;
  }

  async renew(job: ClaimedJob, leaseMs: number, progress?: JobObject): Promise<boolean> {
    const changes = { locked_until: this.now() + leaseMs, ...(progress ? { progress: JSON.stringify(progress) } : {}) };
    return this.held(job, changes);
  }

  complete(job: ClaimedJob, result: JobObject): Promise<boolean> {
    return this.held(job, {
      status: 'done',
      result: JSON.stringify(result),
      error: null,
      claim_token: null,
      locked_until: null,
      finished_at: this.now(),
    });
  }

  fail(job: ClaimedJob, error: string, options: FailOptions = {}): Promise<boolean> {
    const at = this.now();
    const message = error.length > MAX_ERROR_CHARS ? `${error.slice(0, MAX_ERROR_CHARS)}…` : error;
    const again = options.retry !== false && job.attempts < job.maxAttempts;
    const tries = job.attempts === 1 ? '1 try' : `${job.attempts} tries`;
    const final = options.retry === false ? message : `Failed after ${tries}; the last error: ${message}`;
    return this.held(
      job,
      again
        ? { status: 'queued', run_after: at + this.backoff(job.attempts), error: message }
        : { status: 'failed', error: final, finished_at: at },
      { claim_token: null, locked_until: null },
    );
  }

  release(job: ClaimedJob): Promise<boolean> {
    return this.held(job, { status: 'queued', run_after: this.now(), claim_token: null, locked_until: null }, {}, -1);
  }

  async get(id: number): Promise<Job | null> {
    const row = await this.jobs.find(id);
    return row ? toJob(row) : null;
  }

  async listBatch(batch: string, agencyId: number): Promise<Job[]> {
    return (await this.jobs.listBatch(batch, agencyId)).map(toJob);
  }

  async batchCounts(batch: string): Promise<BatchCounts> {
    const counts: BatchCounts = { queued: 0, running: 0, done: 0, failed: 0, total: 0 };
    for (const r of await this.jobs.batchStatusCounts(batch)) {
      counts[r.status as JobStatus] = r.n;
      counts.total += r.n;
    }
    return counts;
  }

  /**
   * The embedded server is the only process working on its SQLite file: jobs it was running when
   * it was killed are claimable at once on restart instead of after their lease.
   */
  expireLeases(): Promise<number> {
    return this.jobs.expireRunningLeases();
  }

  /** Applies `changes` while the claim is still the job's current one and it is running. */
  private held(
    job: ClaimedJob,
    changes: Updateable<JobTable>,
    more: Updateable<JobTable> = {},
    attemptsDelta = 0,
  ): Promise<boolean> {
    return this.jobs.updateHeld(job.id, job.token, { ...changes, ...more }, attemptsDelta);
  }
}
