/**
 * Ingest throughput: decode-only rate of a set of images (the ceiling), a full scan of them into
 * a fresh embedded database — hash, metadata, thumbnail (encrypted into the blob store), match,
 * store, as `vigil scan` does by default — and a re-scan as a new exhibit (every SHA-256 known:
 * no decode). See `--help`.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { defaultWorkers } from '../src/ingest/decode-pool.js';
import { mapOrdered } from '../src/ingest/map-ordered.js';
import { defaultReadThreads } from '../src/ingest/read-pool.js';
import { scanExhibit } from '../src/ingest/scan.service.js';
import { closeMetadataReader } from '../src/media/metadata.js';
import { AgencyRepository } from '../src/storage/agency.repository.js';
import { openBlobStores } from '../src/storage/blob-store.js';
import { CaseRepository } from '../src/storage/case.repository.js';
import { createDatabase } from '../src/storage/database.js';
import { blobs } from '../test/support/patterns.js';
import { envCount, parseBenchArgs } from './lib/bench-args.js';
import { peakRssMb } from './lib/stats.js';
import { formatTable, printJsonLine, status } from './lib/table.js';

const PHASES = ['decode-only', 'scan', 'rescan'] as const;
const USAGE = `Usage: [BENCH_IMAGES=dir] [BENCH_SCAN_FILES=N] [BENCH_SCAN_WORKERS=N] [BENCH_SCAN_READ_THREADS=N] npm run bench:scan -- [--json] [--help]

Images: BENCH_IMAGES=/dir (every file under it) or BENCH_SCAN_FILES generated 640×480 JPEGs
(default 5,000; made once and cached under the system temp folder).
BENCH_SCAN_WORKERS: the scan's decode worker threads (default: as vigil scan, ${defaultWorkers()} here —
one per core above 2 cores, else 0: the main thread decodes).
BENCH_SCAN_READ_THREADS: threads that read files and compute their digests (default: as vigil scan,
${defaultReadThreads()} here — one per core; 0: the main thread).
  decode-only  sharp's full decode of every file, ${availableParallelism() + 1} at once: the ceiling
  scan         vigil's scan of the files as a new exhibit into a fresh SQLite database: hashes,
               metadata, PDQ, thumbnails (encrypted into a blob store), matching, storing
  rescan       the same files as another exhibit: every SHA-256 is known, so nothing is decoded
  --json       one object per row: {bench:"scan", phase, files, files_per_s, mb_per_s,
               decode_only_files_per_s, peak_rss_mb}
Bar (issue 5): scan >= 80% of the decode-only rate on 2 cores; rescan >= 10x faster than scan.`;

interface Row {
  bench: 'scan';
  phase: (typeof PHASES)[number];
  files: number;
  files_per_s: number;
  mb_per_s: number;
  decode_only_files_per_s: number;
  peak_rss_mb: number;
}

async function generated(count: number): Promise<string> {
  const dir = join(tmpdir(), `vigil-bench-scan-v1-${count}`);
  mkdirSync(dir, { recursive: true });
  const have = new Set(readdirSync(dir));
  for (let i = 0; i < count; i++) {
    const name = `img-${String(i).padStart(6, '0')}.jpg`;
    if (have.has(name)) continue;
    const px = blobs(640, 480, i + 1);
    const jpeg = await sharp(Buffer.from(px.data), { raw: { width: 640, height: 480, channels: px.channels } })
      .jpeg({ quality: 85 })
      .toBuffer();
    writeFileSync(join(dir, name), jpeg);
    if (i % 500 === 499) status(`scan: generated ${i + 1} of ${count} images in ${dir}`);
  }
  return dir;
}

function listAll(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listAll(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

const args = parseBenchArgs(process.argv.slice(2), PHASES, USAGE, 1);
const count = envCount('BENCH_SCAN_FILES', 5000, USAGE);
const workers = process.env.BENCH_SCAN_WORKERS === '0' ? 0 : envCount('BENCH_SCAN_WORKERS', defaultWorkers(), USAGE);
const readThreads =
  process.env.BENCH_SCAN_READ_THREADS === '0' ? 0 : envCount('BENCH_SCAN_READ_THREADS', defaultReadThreads(), USAGE);
const dir = process.env.BENCH_IMAGES ?? (await generated(count));
const files = listAll(dir);
const bytes = files.reduce((t, f) => t + statSync(f).size, 0);
const rows: Row[] = [];
const row = (phase: Row['phase'], seconds: number, decodeRate: number): Row => ({
  bench: 'scan',
  phase,
  files: files.length,
  files_per_s: Math.round(files.length / seconds),
  mb_per_s: Math.round((bytes / 1e6 / seconds) * 10) / 10,
  decode_only_files_per_s: Math.round(decodeRate),
  peak_rss_mb: Math.round(peakRssMb()),
});

status(`scan: decode-only over ${files.length} files…`);
let t0 = performance.now();
for await (const _ of mapOrdered(files, availableParallelism() + 1, async (f) =>
  sharp(await readFile(f), { failOn: 'error' })
    .raw()
    .toBuffer(),
)) {
  // decoded and dropped
}
const decodeRate = files.length / ((performance.now() - t0) / 1000);
rows.push(row('decode-only', files.length / decodeRate, decodeRate));

const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-scan-db-'));
const database = await createDatabase({ dialect: 'sqlite', file: join(dataDir, 'vigil.sqlite') });
// Thumbnails as `vigil scan` makes them by default: encrypted into the data folder's blob store.
const { thumbnails } = await openBlobStores(dataDir);
try {
  const agency = await new AgencyRepository(database.db).create({ countryCode: 'ZZ', name: 'Bench unit' });
  const cases = new CaseRepository(database.db);
  const theCase = await cases.createCase({ agencyId: agency.id, reference: 'BENCH', title: 'Bench' });
  for (const phase of ['scan', 'rescan'] as const) {
    const exhibit = await cases.createExhibit({ caseId: theCase.id, label: phase });
    await new Promise((r) => setTimeout(r, 2));
    status(`scan: ${phase} of ${files.length} files…`);
    t0 = performance.now();
    const inputs = files.map((f) => ({ path: f, logicalPath: f }));
    await scanExhibit(database.db, database.dialect, exhibit, inputs, { workers, readThreads, thumbnails });
    rows.push(row(phase, (performance.now() - t0) / 1000, decodeRate));
  }
} finally {
  await closeMetadataReader();
  await database.destroy();
  rmSync(dataDir, { recursive: true, force: true });
}
for (const r of rows.filter((r) => args.modes.includes(r.phase))) if (args.json) printJsonLine({ ...r });
if (!args.json) {
  console.log(
    formatTable(
      [
        { header: 'phase', value: (r) => r.phase },
        { header: 'files', value: (r) => r.files },
        { header: 'files/s', value: (r) => r.files_per_s },
        { header: 'MB/s', value: (r) => r.mb_per_s },
        { header: 'vs decode-only', value: (r) => `${Math.round((r.files_per_s / r.decode_only_files_per_s) * 100)}%` },
        { header: 'peak RSS MB', value: (r) => r.peak_rss_mb },
      ],
      rows.filter((r) => args.modes.includes(r.phase)),
    ),
  );
}
