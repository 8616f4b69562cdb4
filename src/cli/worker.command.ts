/**
 * `vigil worker`: works off the hub's job queue (ingest of uploaded files) in PostgreSQL. Start as
 * many as wanted on as many machines: claims never overlap, and a job whose worker stops is taken
 * up by another once its lease runs out. Each worker needs the hub's data directory (the blob store
 * and its key; a shared file system) and keeps its own in-memory PDQ index, refreshed from the
 * database. With the embedded database there is nothing to do here: `vigil serve` runs its jobs.
 *
 * Stops gracefully on SIGINT/SIGTERM: no new claims, running jobs get the grace period to finish,
 * the rest are given back to the queue at once.
 */
import { availableParallelism } from 'node:os';
import { createApp } from '../app.js';
import { AppError, EXIT } from '../domain/app-error.js';
import { startJobWorkers } from '../jobs/job-workers.js';
import { closeMetadataReader } from '../media/metadata.js';
import { databaseConfigFromEnv } from '../storage/database.config.js';
import type { CliIo } from './cli-io.js';
import { logLevelOf, parseCommandArgs } from './command-args.js';
import { DATA_DIR_HELP, dataDirOf } from './data-dir.js';

export const WORKER_USAGE = `Usage: vigil worker [options]

Works off the job queue of the hub in DATABASE_URL (PostgreSQL): ingests uploaded files. Run any
number of workers on any number of machines; they share the work.

Options:
  --concurrency N  jobs at once in this process (default: ${defaultConcurrency()}, from the cores)
  --grace S        seconds running jobs may take to finish when stopping (default 30)
  --db DIR         ${DATA_DIR_HELP}; must hold the hub's blob store and blob.key
  --log LEVEL      info (default), debug, warn, error, silent (as vigil serve)
  -h, --help       this help

Environment: DATABASE_URL=postgres://… (required).`;

export interface WorkerSignals {
  /** Resolves when the worker should stop (tests stop it themselves). */
  stopped: Promise<string>;
}

function processSignals(): WorkerSignals {
  return {
    stopped: new Promise((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    }),
  };
}

function defaultConcurrency(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

function positiveInt(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new AppError('bad-usage', `${name} must be a whole number from 1 to ${max} (got "${raw}").`);
  }
  return n;
}

const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

export async function workerCommand(
  argv: string[],
  io: CliIo,
  signals: WorkerSignals = processSignals(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    {
      concurrency: { type: 'string' },
      grace: { type: 'string' },
      db: { type: 'string' },
      log: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    WORKER_USAGE,
  );
  if (values.help) {
    io.out(WORKER_USAGE);
    return EXIT.ok;
  }
  const concurrency = positiveInt('--concurrency', values.concurrency, defaultConcurrency(), 64);
  const graceMs = positiveInt('--grace', values.grace, 30, 3_600) * 1000;
  const level = logLevelOf(values.log, LEVELS);
  const dataDir = dataDirOf(values.db, env);
  const database = databaseConfigFromEnv(env, dataDir);
  if (database.dialect !== 'postgres') {
    throw new AppError(
      'bad-usage',
      'vigil worker works with the PostgreSQL hub: set DATABASE_URL=postgres://…. ' +
        'With the embedded database, vigil serve runs the jobs itself.',
    );
  }
  const shown = LEVELS.slice(LEVELS.indexOf(level));
  const vigil = await createApp({ database, dataDir });
  try {
    await vigil.pdqIndex.start();
    const workers = await startJobWorkers(vigil, {
      concurrency,
      log: (lvl, message, fields) => {
        if (!shown.includes(lvl)) return;
        const ids = Object.entries(fields)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ');
        const line = `${new Date().toISOString()} ${lvl} ${message}${ids ? ` ${ids}` : ''}`;
        if (lvl === 'info') io.out(line);
        else io.err(line);
      },
    });
    io.out(`Vigil worker: ${concurrency} job${concurrency === 1 ? '' : 's'} at once, database: postgres.`);
    const signal = await signals.stopped;
    io.out(`Stopping (${signal}): running jobs get ${graceMs / 1000} s to finish, then go back to the queue…`);
    await workers.stop(graceMs);
    return EXIT.ok;
  } finally {
    await vigil.close();
    await closeMetadataReader();
  }
}
