/**
 * Storage throughput on both dialects: bulk insert of N media rows with 3 signals each (the
 * repository's batched insertMany), then point lookups by SHA-256, MD5, SHA-1 and signal value,
 * one at a time on one connection. Each dialect gets a fresh database, removed afterwards.
 * See `--help`.
 */
import { statSync } from 'node:fs';
import { sql } from 'kysely';
import { createDatabase, type VigilDb } from '../src/storage/database.js';
import type { DialectName } from '../src/storage/dialect-name.js';
import { MediaRepository } from '../src/storage/media.repository.js';
import { FAKE_SIGNALS_PER_MEDIA, fakeMedia, fakeMediaRange } from '../test/support/fake-media.js';
import { createScratchTarget } from '../test/support/scratch-database.js';
import { seeded } from '../test/support/seeded.js';
import { envCount, parseBenchArgs } from './lib/bench-args.js';
import { type DbRow, LOOKUP_KINDS, type LookupKind, printDbReport } from './lib/db-report.js';
import { measure, median, peakRssMb } from './lib/stats.js';
import { status } from './lib/table.js';

const DIALECT_MODES = ['sqlite', 'postgres'] as const satisfies readonly DialectName[];

const USAGE = `Usage: [BENCH_ROWS=N] [BENCH_LOOKUPS=N] [BENCH_WRITERS=N] npm run bench:db -- [--json] [--reps N] [--modes sqlite,postgres] [--help]

For each dialect, in a fresh database (SQLite in a temp folder; PostgreSQL: a new database on
VIGIL_TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres):
  insert   BENCH_ROWS media rows (default 1,000,000) with ${FAKE_SIGNALS_PER_MEDIA} signals each through
           MediaRepository.insertMany (batched transactions, multi-row inserts); timed without
           the generation of the records; on PostgreSQL BENCH_WRITERS (default 1) inserts run at
           once, each on its own connection (SQLite: always one, its single connection)
  lookups  BENCH_LOOKUPS point lookups per kind (default 20,000) by sha256, md5, sha1 and signal
           value, one after another on one connection; median of --reps (default 3)
  --modes a,b  only these dialects
  --json       one JSON object per dialect on stdout instead of the table
Bar (issue 4): SQLite >= 50k rows/s and >= 20k lookups/s; PostgreSQL >= 20k rows/s and >= 5k lookups/s.`;

const GENERATE_CHUNK = 20_000;

/**
 * Inserts `rows` media in chunks; each round generates `writers` chunks (not timed) and inserts
 * them at once, one insertMany per chunk (on PostgreSQL each in its own connection). Returns the
 * summed wall time of the inserts.
 */
async function timeInserts(repo: MediaRepository, rows: number, writers: number): Promise<number> {
  let wallMs = 0;
  let done = 0;
  let reported = 0;
  while (done < rows) {
    const chunks: ReturnType<typeof fakeMediaRange>[] = [];
    for (let w = 0; w < writers && done < rows; w++) {
      const count = Math.min(GENERATE_CHUNK, rows - done);
      chunks.push(fakeMediaRange(done, count, 'bench'));
      done += count;
    }
    const sample = await measure(async () => {
      const results = await Promise.all(chunks.map((items) => repo.insertMany(items)));
      if (results.flat().some((r) => r.status !== 'inserted')) throw new Error('bench rows were already there');
    });
    wallMs += sample.wallMs;
    if (done - reported >= 200_000) {
      reported = done;
      status(`  inserted ${done} rows, ${Math.round(done / (wallMs / 1000))} rows/s so far`);
    }
  }
  return wallMs;
}

async function lookupOnce(repo: MediaRepository, kind: LookupKind, key: string): Promise<number> {
  switch (kind) {
    case 'sha256':
      return (await repo.findBySha256(key)) ? 1 : 0;
    case 'md5':
      return (await repo.findByMd5(key)).length;
    case 'sha1':
      return (await repo.findBySha1(key)).length;
    case 'signal':
      return (await repo.findBySignal('pdq', key)).length;
  }
}

/** Lookups per second of each kind (median over reps); every key exists, a miss is an error. */
async function timeLookups(repo: MediaRepository, rows: number, count: number, reps: number) {
  const random = seeded(4);
  const picks = Array.from({ length: count }, () => fakeMedia(Math.floor(random() * rows), 'bench'));
  const keys: Record<LookupKind, string[]> = {
    sha256: picks.map((m) => m.sha256),
    md5: picks.map((m) => m.md5),
    sha1: picks.map((m) => m.sha1),
    signal: picks.map((m, i) => m.signals?.[i % FAKE_SIGNALS_PER_MEDIA].value ?? ''),
  };
  const perS = {} as Record<LookupKind, number>;
  for (const kind of LOOKUP_KINDS) {
    const samples: number[] = [];
    for (let r = 0; r < reps; r++) {
      let found = 0;
      const sample = await measure(async () => {
        for (const key of keys[kind]) found += await lookupOnce(repo, kind, key);
      });
      if (found !== count) throw new Error(`${kind}: ${count - found} of ${count} lookups found nothing`);
      samples.push(count / (sample.wallMs / 1000));
    }
    perS[kind] = median(samples);
    status(`  ${kind}: ${Math.round(perS[kind])} lookups/s`);
  }
  return perS;
}

async function runDialect(
  dialect: DialectName,
  rows: number,
  lookups: number,
  reps: number,
  pgWriters: number,
): Promise<DbRow> {
  // SQLite has one connection per process: concurrent writers would only queue on it.
  const writers = dialect === 'postgres' ? pgWriters : 1;
  const target = await createScratchTarget(dialect, 'vigil_bench');
  const database = await createDatabase(target.config);
  try {
    const repo = new MediaRepository(database.db, dialect);
    status(
      `${dialect}: inserting ${rows} media × ${FAKE_SIGNALS_PER_MEDIA} signals, ${writers} writer(s), into ${target.where}`,
    );
    const insertMs = await timeInserts(repo, rows, writers);
    const lookupPerS = await timeLookups(repo, rows, lookups, reps);
    const allKinds = LOOKUP_KINDS.length / LOOKUP_KINDS.reduce((sum, k) => sum + 1 / lookupPerS[k], 0);
    return {
      dialect,
      rows,
      writers,
      insertMs,
      insertRowsPerS: rows / (insertMs / 1000),
      signalRowsPerS: (rows * FAKE_SIGNALS_PER_MEDIA) / (insertMs / 1000),
      lookupsPerS: allKinds,
      lookupPerS,
      dbMb: dialect === 'sqlite' ? statSync(target.where).size / 2 ** 20 : await pgSizeMb(database.db),
      peakRssMb: peakRssMb(),
    };
  } finally {
    await database.destroy();
    await target.cleanup();
  }
}

async function pgSizeMb(db: VigilDb): Promise<number> {
  const { rows } = await sql<{ bytes: number }>`select pg_database_size(current_database()) as bytes`.execute(db);
  return rows[0].bytes / 2 ** 20;
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), DIALECT_MODES, USAGE, 3);
  const rows = envCount('BENCH_ROWS', 1_000_000, USAGE);
  const lookups = Math.min(envCount('BENCH_LOOKUPS', 20_000, USAGE), rows);
  const pgWriters = envCount('BENCH_WRITERS', 1, USAGE);
  const results: DbRow[] = [];
  let failed = false;
  for (const dialect of args.modes) {
    try {
      results.push(await runDialect(dialect, rows, lookups, args.reps, pgWriters));
    } catch (err) {
      failed = true;
      status(`${dialect}: ${(err as Error).message}`);
    }
  }
  printDbReport(results, { json: args.json, lookups, reps: args.reps });
  if (failed) process.exitCode = 1;
}

await main();
