/**
 * VICS JSON throughput and memory: generate a file of BENCH_ENTRIES made-up Media entries in a
 * temporary folder, read it with readVics (parse and normalise every entry, no database), and
 * write as many entries with writeVics. Each phase runs in its own process so its peak RSS is
 * its own. See `--help`.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readVics, writeVics } from '../src/formats/vics/index.js';
import { importHashList } from '../src/services/hash-list-import.service.js';
import { withLocalUnit } from '../src/services/local-unit.js';
import { importVicsCase } from '../src/services/vics-case-import.service.js';
import { caseEntry, sampleMedia, writeVicsFixture } from '../test/support/vics-fixture.js';
import { parseBenchArgs } from './lib/bench-args.js';
import { median, peakRssMb, round } from './lib/stats.js';
import { formatTable, printJsonLine, status } from './lib/table.js';

const PHASES = ['read', 'write', 'import', 'case'] as const;
type Phase = (typeof PHASES)[number];

const USAGE = `Usage: [BENCH_ENTRIES=N] npm run bench:vics -- [--json] [--reps N] [--modes read,write] [--help]

Generates a VICS 1.3 #Media file of BENCH_ENTRIES (default 1,000,000) made-up entries (MD5,
SHA1, PDQ, one MediaFiles record each; about 480 bytes an entry) in a temporary folder, then:
  read    readVics over the file: every entry scanned, parsed and normalised (no database)
  write   writeVics of as many entries to a file in the same folder (1,000 distinct media made
          up front and repeated, so that the rate is the writer's and not the generator's)
  import  the service of vigil import --as over the file into a new SQLite database (a hash set of
          MD5, SHA-1 and PDQ entries, each row parsed on a reading thread, mapped and inserted
          with its indexes, the lookup ones deferred as the CLI does); each rep starts from an
          empty database
  case    the service of vigil import --case over a #Cases file of as many entries (each with a
          SHA-256, so a media record, its PDQ, a sighting and a category; one in ten in a series)
          into a new SQLite database
Each phase runs in a child process; entries/s is the median over --reps (default 3), peak RSS
is the child's high-water mark over all its reps.
  --json  one object per row: {bench:"vics", phase, entries, entries_per_s, peak_rss_mb}
Bar (issue 6): VICS import >= 100k entries/s into SQLite (the import row; read is its parse
share) and flat memory on a 1M-entry file.`;

interface Row {
  bench: 'vics';
  phase: Phase;
  entries: number;
  entries_per_s: number;
  peak_rss_mb: number;
}

function entriesWanted(): number {
  const raw = process.env.BENCH_ENTRIES;
  if (raw === undefined || raw === '') return 1_000_000;
  const n = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`BENCH_ENTRIES must be a whole number ≥ 1, got "${raw}".\n\n${USAGE}\n`);
    process.exit(2);
  }
  return n;
}

async function readOnce(path: string): Promise<number> {
  let n = 0;
  for await (const item of readVics(path)) {
    if (item.kind === 'media') n++;
    else if (item.kind === 'rejected') throw new Error(`entry ${item.index} rejected: ${item.reason}`);
  }
  return n;
}

async function writeOnce(path: string, entries: number): Promise<number> {
  // 1,000 distinct media made up front and repeated, so the rate is the writer's, not the generator's.
  const pool = Array.from({ length: Math.min(entries, 1000) }, (_, i) => sampleMedia(i));
  async function* media() {
    for (let i = 0; i < entries; i++) yield pool[i % pool.length];
  }
  const out = createWriteStream(path);
  const { written } = await writeVics(media(), out, { version: '1.3' });
  out.end();
  await once(out, 'finish');
  return written;
}

/** One import of the whole file into a fresh SQLite database under a new data directory. */
async function importOnce(path: string, rep: number): Promise<number> {
  const dataDir = `${path}.data-${rep}`;
  try {
    const summary = await withLocalUnit(dataDir, {}, ({ database, agencyId }) =>
      importHashList({
        db: database.db,
        dialect: database.dialect,
        agencyId,
        path,
        format: 'vics',
        hashSetName: 'bench',
        deferIndexes: true,
      }),
    );
    if (summary.rejected > 0) throw new Error(`import: ${summary.rejected} entries rejected`);
    return summary.inserted;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One case import of the whole case file into a fresh SQLite database. */
async function caseOnce(path: string, rep: number): Promise<number> {
  const dataDir = `${path}.data-${rep}`;
  try {
    const summary = await withLocalUnit(dataDir, {}, ({ database, agencyId }) =>
      importVicsCase({ db: database.db, dialect: database.dialect, agencyId, path, caseReference: 'BENCH-1' }),
    );
    if (summary.rejected > 0) throw new Error(`case: ${summary.rejected} entries rejected`);
    if (summary.mediaAdded !== summary.accepted) throw new Error(`case: ${summary.mediaAdded} media added`);
    return summary.accepted;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A child run: one phase, --reps times; prints its row. */
async function child(phase: Phase, path: string, entries: number, reps: number): Promise<Row> {
  const rates: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const n =
      phase === 'read'
        ? await readOnce(path)
        : phase === 'write'
          ? await writeOnce(`${path}.out`, entries)
          : phase === 'import'
            ? await importOnce(path, r)
            : await caseOnce(`${path}.case.json`, r);
    const s = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    if (n !== entries) throw new Error(`${phase}: ${n} entries, expected ${entries}`);
    rates.push(n / s);
    // Per CPU-second as well: on a shared machine the wall-clock rate says more about the neighbours.
    const perCpu = n / ((cpu.user + cpu.system) / 1e6);
    status(
      `vics: ${phase} rep ${r + 1}: ${Math.round(n / s).toLocaleString('en')} entries/s, ${Math.round(perCpu).toLocaleString('en')} per CPU-second`,
    );
  }
  return {
    bench: 'vics',
    phase,
    entries,
    entries_per_s: Math.round(median(rates)),
    peak_rss_mb: round(peakRssMb(), 1),
  };
}

const args = parseBenchArgs(process.argv.slice(2), PHASES, USAGE);
const entries = entriesWanted();
const one = process.env.BENCH_VICS_ROW;
if (one) {
  const [phase, path] = one.split('\n');
  printJsonLine({ ...(await child(phase as Phase, path, entries, args.reps)) });
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-vics-'));
const rows: Row[] = [];
try {
  const path = join(dir, 'sample.json');
  status(`vics: generating ${entries.toLocaleString('en')} entries…`);
  await writeVicsFixture(path, entries, { version: '1.3' });
  if (args.modes.includes('case'))
    await writeVicsFixture(`${path}.case.json`, entries, { version: '1.3', cases: true }, caseEntry);
  status(`vics: ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB in ${path}`);
  for (const phase of args.modes) {
    const run = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--reps', String(args.reps)],
      {
        env: { ...process.env, BENCH_VICS_ROW: `${phase}\n${path}`, BENCH_ENTRIES: String(entries) },
        stdio: ['ignore', 'pipe', 'inherit'],
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      },
    );
    if (run.status !== 0) {
      status(`vics: the ${phase} run failed (exit ${run.status ?? run.signal}).`);
      process.exitCode = 1;
      break;
    }
    const row = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Row;
    rows.push(row);
    if (args.json) printJsonLine({ ...row });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (!args.json) {
  console.log(
    formatTable(
      [
        { header: 'phase', value: (r: Row) => r.phase },
        { header: 'entries', value: (r: Row) => r.entries.toLocaleString('en') },
        { header: 'entries/s', value: (r: Row) => r.entries_per_s.toLocaleString('en'), align: 'right' },
        { header: 'peak RSS MB', value: (r: Row) => r.peak_rss_mb },
      ],
      rows,
    ),
  );
}
