/**
 * `vigil serve`: the multi-agency hub over HTTP. Embedded SQLite under the data directory by
 * default (no set-up); PostgreSQL when DATABASE_URL is set. On first start it creates the admin
 * account and prints its one-time password. Stops gracefully on SIGINT/SIGTERM: no new requests,
 * running ones finish, then the database closes; requests still running after the grace period
 * (a long upload) have their connections closed, with a line saying so, so a stop always ends.
 */
import type { FastifyInstance } from 'fastify';
import { createApp } from '../app.js';
import { AppError, EXIT } from '../domain/app-error.js';
import { buildHttpApp } from '../http/http-app.js';
import { type JobWorkers, startJobWorkers } from '../jobs/job-workers.js';
import { closeMetadataReader } from '../media/metadata.js';
import { databaseConfigFromEnv } from '../storage/database.config.js';
import type { CliIo } from './cli-io.js';
import { logLevelOf, parseCommandArgs } from './command-args.js';
import { DATA_DIR_HELP, dataDirOf } from './data-dir.js';

export const SERVE_USAGE = `Usage: vigil serve [options]

Serves the API on http://HOST:PORT/api/v1 and its description at /docs.

Options:
  --port N         port (default: $PORT, else 8080)
  --host ADDR      address to listen on (default: $HOST, else 127.0.0.1; 0.0.0.0 for every interface)
  --db DIR         ${DATA_DIR_HELP}
  --log LEVEL      info (default), warn, error, debug, silent
  --jobs N         upload ingest jobs run at once in this process (default: 2 with the embedded
                   database; 0 with PostgreSQL, where \`vigil worker\` processes run them)
  --max-upload-mb N  largest uploaded file in MiB (default 16384)
  --shutdown-grace S  on SIGINT/SIGTERM, seconds running requests get to finish before their
                   connections are closed (default 30)
  -h, --help       this help

Environment: DATABASE_URL=postgres://… to use PostgreSQL instead of the embedded database;
VIGIL_TRUST_PROXY=1 behind a TLS reverse proxy (then cookies are Secure).`;

export interface ServeSignals {
  /** Resolves when the process should stop (tests stop it themselves). */
  stopped: Promise<string>;
}

function processSignals(): ServeSignals {
  return {
    stopped: new Promise((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    }),
  };
}

function count(name: string, raw: string | undefined, fallback: number, max: number, min = 0): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new AppError('bad-usage', `${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
  }
  return n;
}

const LOG_LEVELS = ['info', 'warn', 'error', 'debug', 'silent'] as const;

/** Listening failures a person can fix (port taken, not allowed, no such address) say how. */
function listenError(cause: unknown, host: string, port: number): unknown {
  const code = (cause as NodeJS.ErrnoException).code;
  const where = `${host}:${port}`;
  if (code === 'EADDRINUSE')
    return new AppError('conflict', `${where} is already in use (another vigil serve?): stop it or give --port N.`);
  if (code === 'EACCES')
    return new AppError(
      'forbidden',
      `Not allowed to listen on ${where} (ports below 1024 need privileges): give --port N.`,
    );
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return new AppError('bad-usage', `${host} is not an address of this machine: give --host ADDR.`);
  return cause;
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AppError('bad-usage', `--port must be a number from 0 to 65535 (got "${raw}").`);
  }
  return port;
}

/** Closes the server: running requests finish, but those still running after `graceS` are cut off. */
async function closeWithin(server: FastifyInstance, graceS: number, io: CliIo): Promise<void> {
  const timer = setTimeout(() => {
    io.out(`Shutdown grace of ${graceS} s is over: closing the connections of requests still running.`);
    server.server.closeAllConnections();
  }, graceS * 1000);
  try {
    await server.close();
  } finally {
    clearTimeout(timer);
  }
}

export async function serveCommand(
  argv: string[],
  io: CliIo,
  signals: ServeSignals = processSignals(),
): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      log: { type: 'string' },
      jobs: { type: 'string' },
      'max-upload-mb': { type: 'string' },
      'shutdown-grace': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    SERVE_USAGE,
  );
  if (values.help) {
    io.out(SERVE_USAGE);
    return EXIT.ok;
  }
  const port = parsePort(values.port ?? process.env.PORT ?? '8080');
  const host = values.host ?? process.env.HOST ?? '127.0.0.1';
  const level = logLevelOf(values.log, LOG_LEVELS);
  const dataDir = dataDirOf(values.db);
  const database = databaseConfigFromEnv(process.env, dataDir);
  const jobs = count('--jobs', values.jobs, database.dialect === 'sqlite' ? 2 : 0, 64);
  const maxUploadMb = count('--max-upload-mb', values['max-upload-mb'], 16_384, 1_048_576, 1);
  const graceS = count('--shutdown-grace', values['shutdown-grace'], 30, 3_600);
  const vigil = await createApp({ database, dataDir, uploads: { maxFileBytes: maxUploadMb * 1024 * 1024 } });
  let workers: JobWorkers | null = null;
  try {
    const trustProxy = process.env.VIGIL_TRUST_PROXY === '1';
    const http = await buildHttpApp(vigil, { logger: level === 'silent' ? false : { level }, trustProxy });
    const address = await http.server.listen({ port, host }).catch((cause: unknown) => {
      throw listenError(cause, host, port);
    });
    // Only once listening: a start that fails (port taken) must not use up the one-time password unseen.
    const firstAdmin = await vigil.bootstrap.ensureFirstAdmin();
    if (jobs > 0) {
      const log = http.server.log;
      workers = await startJobWorkers(vigil, {
        concurrency: jobs,
        log: (lvl, message, fields) => log[lvl](fields, message),
      });
    }
    // One write, so whoever reads the output sees the address and the password together.
    const jobsText = workers ? `${jobs} at once in this process` : 'run by `vigil worker` processes';
    let banner = `Vigil is serving ${address}/api/v1 (API description: ${address}/docs), upload jobs: ${jobsText}, database: ${vigil.database.dialect}.`;
    if (firstAdmin) {
      banner +=
        `\nFirst start: created the account "${firstAdmin.username}" with the one-time password\n\n    ${firstAdmin.oneTimePassword}\n\n` +
        'Sign in with it and choose a new password; it is shown only this once.';
    }
    io.out(banner);
    const signal = await signals.stopped;
    io.out(`Stopping (${signal}): finishing running requests (at most ${graceS} s)…`);
    await closeWithin(http.server, graceS, io);
    await workers?.stop();
    workers = null;
    return EXIT.ok;
  } finally {
    await workers?.stop(0);
    await vigil.close();
    await closeMetadataReader();
  }
}
