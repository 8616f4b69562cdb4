/**
 * Issue 5's resume bar: a scan of BENCH_RESUME_FILES generated pictures (default 2,000) killed with
 * SIGKILL BENCH_RESUME_KILLS times (default 20) at random moments — half after a random number of
 * files, half after a random number of milliseconds (start-up included) — then run to the end; its
 * database is compared table by table with an uninterrupted scan's. Exits 1 when they differ.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanUntilKilled, VIGIL_BIN, writeSeizure } from '../test/support/resume-run.js';
import { duplicates, SNAPSHOT_TABLES, scanSnapshot } from '../test/support/scan-snapshot.js';
import { envCount, parseBenchArgs } from './lib/bench-args.js';
import { formatTable, printJsonLine, status } from './lib/table.js';

const USAGE = `Usage: [BENCH_RESUME_FILES=N] [BENCH_RESUME_KILLS=N] npm run bench:resume -- [--json] [--help]

Scans N generated pictures (default 2,000; the first 100 known from an earlier case) once straight
through and once with KILLS (default 20) kill -9 at random moments and a resume after each, then
compares the two databases: media, signals, sightings, matches and scan rows.
  --json  one object per table: {bench:"resume", table, files, kills, reference_rows, resumed_rows,
          equal, twice}`;

const args = parseBenchArgs(process.argv.slice(2), ['compare'], USAGE, 1);
const files = envCount('BENCH_RESUME_FILES', 2000, USAGE);
const kills = envCount('BENCH_RESUME_KILLS', 20, USAGE);
const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-resume-'));
const seizure = join(dir, 'seizure');
const scan = (db: string, reference = 'R-1', path = seizure) => {
  const run = spawnSync(process.execPath, [VIGIL_BIN, 'scan', '--case', reference, '--db', db, path], {
    encoding: 'utf8',
  });
  if (run.status !== 0 && run.status !== 4) throw new Error(`vigil scan failed: ${run.stderr}`);
  return run;
};

interface Row {
  bench: 'resume';
  table: string;
  files: number;
  kills: number;
  reference_rows: number;
  resumed_rows: number;
  equal: boolean;
  twice: number;
}

try {
  status(`resume: writing ${files} pictures…`);
  await writeSeizure(seizure, files);
  const reference = join(dir, 'reference');
  const db = join(dir, 'killed');
  for (const d of [reference, db]) scan(d, 'K-0', join(seizure, 'd000'));
  status('resume: uninterrupted scan…');
  const t0 = performance.now();
  scan(reference);
  const straightMs = performance.now() - t0;
  const stops: string[] = [];
  while (stops.length < kills) {
    const at =
      stops.length % 2 === 0
        ? { files: 1 + Math.floor(Math.random() * Math.max(1, (files / kills) * 0.8)) }
        : { ms: Math.floor(Math.random() * (straightMs / kills) * 1.5) };
    const run = await scanUntilKilled(['--case', 'R-1', '--db', db, seizure], at);
    if (!run.killed)
      throw new Error(`the scan finished before kill ${stops.length + 1}; give more files or fewer kills`);
    stops.push('files' in at ? `${at.files} files` : `${at.ms} ms`);
    status(`resume: kill ${stops.length} of ${kills} (after ${stops.at(-1)}, ${run.files} files that run)`);
  }
  scan(db);
  const want = await scanSnapshot(join(reference, 'vigil.sqlite'));
  const got = await scanSnapshot(join(db, 'vigil.sqlite'));
  const rows: Row[] = SNAPSHOT_TABLES.map((table) => ({
    bench: 'resume',
    table,
    files,
    kills,
    reference_rows: want[table].length,
    resumed_rows: got[table].length,
    equal: JSON.stringify(want[table]) === JSON.stringify(got[table]),
    twice: duplicates(got[table]).length,
  }));
  if (args.json) for (const r of rows) printJsonLine({ ...r });
  else {
    console.log(`kills after: ${stops.join(', ')}`);
    console.log(
      formatTable(
        [
          { header: 'table', value: (r) => r.table },
          { header: 'uninterrupted rows', value: (r) => r.reference_rows },
          { header: 'killed+resumed rows', value: (r) => r.resumed_rows },
          { header: 'equal', value: (r) => (r.equal ? 'yes' : 'NO') },
          { header: 'rows twice', value: (r) => r.twice },
        ],
        rows,
      ),
    );
  }
  if (rows.some((r) => !r.equal || r.twice > 0)) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
