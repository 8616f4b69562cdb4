/**
 * The PDQ Hamming index at collection scale: for N random and clustered 256-bit hashes, build the
 * multi-index, measure its memory, run 10k queries (half planted near a stored hash, half random)
 * at radius 31 one at a time and then in bulk on every core, and check recall against a scan on a
 * sample. See `--help`.
 */

import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { BulkMatcher } from '../src/matching/bulk-match.js';
import { HashStore } from '../src/matching/hash-store.js';
import { MultiIndex } from '../src/matching/multi-index.js';
import { type IndexMatch, sortMatches } from '../src/matching/signal-index.js';
import { type HashData, type HashDataset, makeHashes, plantedNeedle, words32 } from '../test/support/hash-data.js';
import { envCount, parseBenchArgs } from './lib/bench-args.js';
import { median, percentile, round } from './lib/stats.js';
import { formatTable, printJsonLine, status } from './lib/table.js';

const DATASETS = ['random', 'clustered'] as const satisfies readonly HashDataset[];

const USAGE = `Usage: [BENCH_N=N] [BENCH_BIG=1] [BENCH_QUERIES=N] [BENCH_RECALL=N] npm run bench:index -- [--json] [--reps N] [--modes random,clustered] [--help]

For N = 1M and 10M hashes (and 50M with BENCH_BIG=1; BENCH_N=N runs only the sizes up to N, or
N itself when it is smaller than all of them), per dataset (random; clustered = near-duplicate
families):
  build      one MultiIndex.buildFlat over the N hashes, seconds
  bytes/hash growth of the process's resident memory over the build, divided by N
  p50, p99   latency of BENCH_QUERIES (default 10,000) single queries at radius 31, half planted
             (a stored hash with 0-31 bits flipped) and half random; median over --reps (default 1)
  bulk q/s   the same queries through bulkMatch on ${availableParallelism()} worker threads
  recall     matches found / matches a full scan finds, over BENCH_RECALL (default 200) queries;
             distances must agree exactly
  --json     one JSON object per row: {bench:"index", n, dataset, build_s, bytes_per_hash, p50_ms,
             p99_ms, bulk_qps, recall}
Bar (issue 3): 10M, radius 31: p50 <= 1 ms, p99 <= 5 ms, <= 64 bytes/hash, build <= 10 s,
recall 1.0; 50M < 6 GB with p99 <= 20 ms; bulk >= 2,000 queries/s against 10M on 2 cores.`;

const RADIUS = 31;

interface IndexRow {
  bench: 'index';
  n: number;
  dataset: HashDataset;
  build_s: number;
  bytes_per_hash: number;
  p50_ms: number;
  p99_ms: number;
  bulk_qps: number;
  recall: number;
}

function sizes(): number[] {
  const all = process.env.BENCH_BIG === '1' ? [1e6, 1e7, 5e7] : [1e6, 1e7];
  const limit = envCount('BENCH_N', Number.POSITIVE_INFINITY, USAGE);
  const fit = all.filter((n) => n <= limit);
  return fit.length > 0 ? fit : [limit];
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function rss(): number {
  gc();
  return process.memoryUsage().rss;
}

function needles(data: HashData, count: number, seed: number): Uint32Array {
  const next = words32(seed);
  const out = new Uint32Array(new SharedArrayBuffer(count * 32));
  const one = new Uint32Array(8);
  for (let q = 0; q < count; q++) {
    if (q % 2 === 0) plantedNeedle(data, next() % data.n, next() % 32, next, one);
    else for (let w = 0; w < 8; w++) one[w] = next();
    out.set(one, q * 8);
  }
  return out;
}

function recallOf(index: MultiIndex, data: HashData, qs: Uint32Array, sample: number): number {
  const scan = new HashStore(0);
  scan.hashes = data.hashes;
  scan.ids = data.ids;
  scan.alive = new Uint8Array(data.n).fill(1);
  scan.length = data.n;
  let expected = 0;
  let found = 0;
  for (let q = 0; q < sample; q++) {
    const needle = qs.subarray(q * 8, q * 8 + 8);
    const truth: IndexMatch[] = [];
    scan.scan(needle, RADIUS, truth);
    const got = index.queryWords(needle, RADIUS);
    const gotKey = new Set(got.map((m) => `${m.id}:${m.distance}`));
    expected += truth.length;
    for (const m of sortMatches(truth)) if (gotKey.has(`${m.id}:${m.distance}`)) found++;
    if (got.length !== truth.length) return Math.min(found, expected) / Math.max(expected, got.length, 1);
  }
  return expected === 0 ? 1 : found / expected;
}

async function run(n: number, dataset: HashDataset, reps: number): Promise<IndexRow> {
  status(`index: ${n.toLocaleString('en')} ${dataset} hashes: generating…`);
  const data = makeHashes(n, dataset, n + (dataset === 'random' ? 1 : 2));
  const queryCount = envCount('BENCH_QUERIES', 10_000, USAGE);
  const qs = needles(data, queryCount, 77);
  const before = rss();
  const t0 = performance.now();
  const index = new MultiIndex();
  index.buildFlat(data);
  const buildS = (performance.now() - t0) / 1000;
  const bytesPerHash = (rss() - before) / n;
  status(`index: built in ${buildS.toFixed(1)} s (${(index.shape.bytes / n).toFixed(1)} B/hash in arrays); querying…`);
  const p50s: number[] = [];
  const p99s: number[] = [];
  const out: IndexMatch[] = [];
  for (let r = 0; r < reps; r++) {
    const times = new Float64Array(queryCount);
    for (let q = 0; q < queryCount; q++) {
      const needle = qs.subarray(q * 8, q * 8 + 8);
      out.length = 0;
      const s = performance.now();
      index.queryWords(needle, RADIUS, out);
      sortMatches(out);
      times[q] = performance.now() - s;
    }
    const sorted = [...times];
    p50s.push(percentile(sorted, 50));
    p99s.push(percentile(sorted, 99));
  }
  status('index: bulk…');
  const pool = new BulkMatcher();
  await pool.ready();
  const b0 = performance.now();
  await pool.match(index, qs, RADIUS);
  const bulkQps = queryCount / ((performance.now() - b0) / 1000);
  await pool.close();
  status('index: recall against a full scan…');
  const recall = recallOf(index, data, qs, Math.min(queryCount, envCount('BENCH_RECALL', 200, USAGE)));
  return {
    bench: 'index',
    n,
    dataset,
    build_s: round(buildS, 2),
    bytes_per_hash: round(bytesPerHash, 1),
    p50_ms: round(median(p50s), 3),
    p99_ms: round(median(p99s), 3),
    bulk_qps: Math.round(bulkQps),
    recall: round(recall, 4),
  };
}

const args = parseBenchArgs(process.argv.slice(2), DATASETS, USAGE, 1);
const one = process.env.BENCH_INDEX_ROW;
if (one) {
  // A child run: one row, so its memory growth is its own.
  const [n, dataset] = one.split(',');
  printJsonLine({ ...(await run(Number(n), dataset as HashDataset, args.reps)) });
  process.exit(0);
}
const rows: IndexRow[] = [];
for (const n of sizes()) {
  for (const dataset of args.modes) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--reps', String(args.reps)],
      {
        env: { ...process.env, BENCH_INDEX_ROW: `${n},${dataset}` },
        stdio: ['ignore', 'pipe', 'inherit'],
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      },
    );
    if (child.status !== 0) {
      status(`index: the run for ${n} ${dataset} failed (exit ${child.status ?? child.signal}).`);
      process.exit(1);
    }
    const row = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as IndexRow;
    rows.push(row);
    if (args.json) printJsonLine({ ...row });
  }
}
if (!args.json) {
  console.log(
    formatTable(
      [
        { header: 'n', value: (r) => r.n.toLocaleString('en') },
        { header: 'dataset', value: (r) => r.dataset },
        { header: 'build s', value: (r) => r.build_s },
        { header: 'B/hash', value: (r) => r.bytes_per_hash },
        { header: 'p50 ms', value: (r) => r.p50_ms },
        { header: 'p99 ms', value: (r) => r.p99_ms },
        { header: 'bulk q/s', value: (r) => r.bulk_qps },
        { header: 'recall', value: (r) => r.recall },
      ],
      rows,
    ),
  );
}
