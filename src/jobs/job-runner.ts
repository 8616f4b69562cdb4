/**
 * Works off a JobQueue: claims due jobs of the kinds it has handlers for (up to `concurrency` at
 * once), renews each lease while the handler runs (saving its progress with it), and completes or
 * fails the job with the handler's outcome. The same runner serves the embedded server (in
 * process, over SQLite) and `vigil worker` (over PostgreSQL, any number of processes).
 *
 * Stopping is graceful: no new claims; running jobs get `graceMs` to finish; those still running
 * then are told to stop (their signal aborts) and their claims released, so another worker takes
 * them at once instead of after the lease.
 */
import { tmpdir } from 'node:os';
import { AppError, type AppErrorCode } from '../domain/app-error.js';
import { errorLogFields } from '../domain/error-log-fields.js';
import { publicReason } from '../domain/public-reason.js';
import { jitteredDelay } from '../services/refresh-jitter.js';
import type { ClaimedJob, JobObject, JobQueue } from './job-queue.js';

export interface JobContext {
  /** Aborted when the runner gives the job back (stop after the grace period) or lost its lease. */
  readonly signal: AbortSignal;
  /** What has been done so far (counts, step names); stored with the next lease renewal. */
  progress(progress: JobObject): void;
}

/** Does one job; returns its result (JSON). Throwing fails the try (AppError messages are kept). */
export type JobHandler = (job: ClaimedJob, context: JobContext) => Promise<JobObject>;

export type JobLogLevel = 'info' | 'warn' | 'error';
/** Log lines carry ids, kinds and step names; never content or evidence paths. */
export type JobLog = (level: JobLogLevel, message: string, fields: Record<string, unknown>) => void;

export interface JobRunnerOptions {
  queue: JobQueue;
  handlers: Readonly<Record<string, JobHandler>>;
  /** Jobs run at once (default 1). */
  concurrency?: number;
  /** Lease per claim, renewed every third of it while the job runs (default 60 s). */
  leaseMs?: number;
  /** Mean wait between looks at an empty queue (default 1 s), jittered ±50 %. */
  pollMs?: number;
  log?: JobLog;
  /** Folders a failure message must not name to the job's readers (default: the OS temp folder). */
  privateDirs?: readonly string[];
}

/** Failures a retry cannot fix: the job ends `failed` at once. */
const PERMANENT: ReadonlySet<AppErrorCode> = new Set<AppErrorCode>([
  'bad-usage',
  'not-found',
  'forbidden',
  'corrupt-blob',
  'unsupported-format',
]);

/**
 * What a failure says to the people reading the job: an AppError's message (written for them),
 * a system error's code, or for anything else a fixed sentence; the cause goes to the log by class
 * and code only. No stack; paths under `privateDirs` are taken out and the text capped
 * (publicReason), since an AppError's message can quote a tool.
 */
export function describeJobFailure(
  cause: unknown,
  privateDirs: readonly string[] = [tmpdir()],
): { message: string; retry: boolean } {
  if (cause instanceof AppError) {
    return { message: publicReason(cause.message, privateDirs), retry: !PERMANENT.has(cause.code) };
  }
  const code = (cause as NodeJS.ErrnoException)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return { message: `System error ${code}.`, retry: true };
  return { message: UNEXPECTED, retry: true };
}

const UNEXPECTED =
  "The job stopped on an unexpected error on the server; it is tried again. If it keeps failing, tell the hub's operator.";

interface Running {
  job: ClaimedJob;
  controller: AbortController;
  progress: JobObject | null;
  /** Given back by stop(), or taken over after a lost lease: the outcome is no longer ours. */
  abandoned: boolean;
  done: Promise<void>;
}

export class JobRunner {
  private readonly running = new Set<Running>();
  private readonly kinds: string[];
  private stopping = false;
  private loopDone: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;

  constructor(private readonly options: JobRunnerOptions) {
    this.kinds = Object.keys(options.handlers);
  }

  /** Jobs running now. */
  get active(): number {
    return this.running.size;
  }

  start(): void {
    this.loopDone ??= this.loop();
  }

  /** Look at the queue now (a job was just enqueued in this process). */
  wake(): void {
    this.wakeUp?.();
  }

  /** Stops claiming, lets running jobs finish for up to `graceMs`, then gives the rest back. */
  async stop(graceMs = 30_000): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loopDone;
    const all = () => Promise.all([...this.running].map((r) => r.done));
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const outcome = await Promise.race([all().then(() => 'finished' as const), graceOver]);
    clearTimeout(timer);
    if (outcome === 'finished') return;
    for (const r of [...this.running]) {
      r.abandoned = true;
      r.controller.abort(new AppError('timed-out', 'The worker is stopping; the job was given back to the queue.'));
      const released = await this.options.queue.release(r.job).catch(() => false);
      this.log('warn', released ? 'job given back' : 'job could not be given back', r.job);
    }
  }

  private async loop(): Promise<void> {
    const { queue, concurrency = 1, leaseMs = 60_000, pollMs = 1_000 } = this.options;
    while (!this.stopping) {
      while (!this.stopping && this.running.size < concurrency) {
        let job: ClaimedJob | null;
        try {
          job = await queue.claim(this.kinds, leaseMs);
        } catch (cause) {
          this.log('error', 'claiming failed', null, cause);
          break;
        }
        if (!job) break;
        if (this.stopping) {
          await queue.release(job).catch(() => false);
          break;
        }
        this.run(job, leaseMs);
      }
      await new Promise<void>((resolve) => {
        // jitteredDelay refuses a non-positive mean; 0 (look again at once) stays allowed.
        const timer = setTimeout(resolve, pollMs > 0 ? jitteredDelay(pollMs) : 0);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }

  private run(job: ClaimedJob, leaseMs: number): void {
    const { queue } = this.options;
    const handler = this.options.handlers[job.kind];
    const entry: Running = {
      job,
      controller: new AbortController(),
      progress: null,
      abandoned: false,
      done: Promise.resolve(),
    };
    const beat = setInterval(
      () => {
        queue.renew(job, leaseMs, entry.progress ?? undefined).then(
          (held) => {
            if (held || entry.abandoned) return;
            entry.abandoned = true;
            entry.controller.abort(new AppError('conflict', 'The job was taken over by another worker.'));
            this.log('warn', 'lease lost: another worker has the job', job);
          },
          (cause) => this.log('warn', 'renewing the lease failed', job, cause),
        );
      },
      Math.max(10, Math.floor(leaseMs / 3)),
    );
    const context: JobContext = {
      signal: entry.controller.signal,
      progress: (p) => {
        entry.progress = p;
      },
    };
    this.log('info', 'job started', job);
    entry.done = (async () => {
      try {
        const result = await handler(job, context);
        if (entry.abandoned) return;
        const kept = await queue.complete(job, result);
        this.log(kept ? 'info' : 'warn', kept ? 'job done' : 'job done, but another worker had taken it', job);
      } catch (cause) {
        if (entry.abandoned) return;
        const failure = describeJobFailure(cause, this.options.privateDirs);
        await queue.fail(job, failure.message, { retry: failure.retry }).catch((err) => {
          this.log('error', 'recording the failure failed', job, err);
        });
        // The message (kept with the job, for its readers) can name the file: the log gets codes only.
        this.log('warn', 'job failed', job, cause);
      } finally {
        clearInterval(beat);
        this.running.delete(entry);
        this.wake();
      }
    })();
    this.running.add(entry);
  }

  private log(level: JobLogLevel, message: string, job: ClaimedJob | null, cause?: unknown): void {
    const fields = job ? { jobId: job.id, kind: job.kind, attempt: job.attempts } : {};
    this.options.log?.(level, message, cause === undefined ? fields : { ...fields, ...errorLogFields(cause) });
  }
}
