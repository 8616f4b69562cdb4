/**
 * Starts the job handlers of this process over the app's queue: `vigil serve` on the embedded
 * database (an in-process runner), and `vigil worker` against PostgreSQL (as many processes on as
 * many machines as wanted). On SQLite the server is the only process working on its file, so jobs
 * it was running when it was killed are taken up again at once; files a killed worker was
 * decrypting are swept from the temp folder.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VigilApp } from '../app.js';
import { AuditRepository } from '../storage/audit.repository.js';
import { INGEST_JOB, ingestJob } from './ingest.job.js';
import { type JobLog, JobRunner } from './job-runner.js';
import { sweepUploadTemp } from './upload-source.js';

export interface JobWorkerOptions {
  /** Jobs run at once in this process (default 2). */
  concurrency?: number;
  leaseMs?: number;
  pollMs?: number;
  log?: JobLog;
}

export interface JobWorkers {
  readonly runner: JobRunner;
  /** Stops claiming; running jobs get `graceMs` to finish, then are given back to the queue. */
  stop(graceMs?: number): Promise<void>;
}

/** Temp files older than this were left by a killed worker (no file takes a day to ingest). */
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

export async function startJobWorkers(vigil: VigilApp, options: JobWorkerOptions = {}): Promise<JobWorkers> {
  const { database } = vigil;
  const now = vigil.config.now ?? Date.now;
  const tempDir = join(vigil.config.dataDir, 'tmp');
  await sweepUploadTemp(tempDir, STALE_TEMP_MS);
  if (database.dialect === 'sqlite') await vigil.jobs.expireLeases();
  const runner = new JobRunner({
    queue: vigil.jobs,
    handlers: {
      [INGEST_JOB]: ingestJob({
        database,
        blobs: vigil.blobs,
        pdqIndex: vigil.pdqIndex,
        audit: new AuditRepository(database.dialect, now),
        tempDir,
        now,
      }),
    },
    concurrency: options.concurrency ?? 2,
    leaseMs: options.leaseMs,
    pollMs: options.pollMs,
    log: options.log,
    privateDirs: [vigil.config.dataDir, tempDir, tmpdir()],
  });
  const unsubscribe = vigil.uploads.onEnqueued(() => runner.wake());
  runner.start();
  return {
    runner,
    async stop(graceMs) {
      unsubscribe();
      await runner.stop(graceMs);
    },
  };
}
