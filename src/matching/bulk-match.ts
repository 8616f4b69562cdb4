/**
 * Bulk matching: a whole list of needles (a seizure's hashes, another agency's list) against a
 * multi-index on every core. Workers share the index's memory (SharedArrayBuffers, no copy) and
 * claim batches from a shared counter, so a slow batch does not hold the others up.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { emptyMatches, type FlatMatches, SharedSearcher } from './bulk-search.js';
import { HASH_WORDS, hexToWords } from './hash256.js';
import { checkDistance } from './index-args.js';
import type { MultiIndex } from './multi-index.js';
import type { IndexMatch } from './signal-index.js';

export interface BulkOptions {
  /** Worker threads (default: one per core); 1 searches in this thread. */
  threads?: number;
  /** Needles claimed at a time (default 256). */
  batch?: number;
}

/** Matches of every needle: needle i's are entries offsets[i] … offsets[i + 1] − 1, by distance. */
export interface BulkResult {
  offsets: Uint32Array;
  ids: Uint32Array;
  distances: Uint16Array;
}

export function matchesOf(result: BulkResult, i: number): IndexMatch[] {
  const out: IndexMatch[] = [];
  for (let k = result.offsets[i]; k < result.offsets[i + 1]; k++)
    out.push({ id: result.ids[k], distance: result.distances[k] });
  return out;
}

/** Needles given as hex; a malformed one is a typed error before any work starts. */
export function needlesFromHex(values: readonly string[]): Uint32Array {
  const out = new Uint32Array(new SharedArrayBuffer(values.length * HASH_WORDS * 4));
  for (let i = 0; i < values.length; i++) hexToWords(values[i], out, i * HASH_WORDS);
  return out;
}

export async function bulkMatch(
  index: MultiIndex,
  needles: Uint32Array,
  maxDistance: number,
  options: BulkOptions = {},
): Promise<BulkResult> {
  checkDistance(maxDistance);
  const count = needles.length / HASH_WORDS;
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), Math.ceil(count / 64)));
  const parts = index.shared();
  if (threads === 1) {
    const out = emptyMatches();
    new SharedSearcher(parts).search(needles, 0, count, maxDistance, out);
    return collect(count, [out]);
  }
  let shared = needles;
  if (!(needles.buffer instanceof SharedArrayBuffer)) {
    shared = new Uint32Array(new SharedArrayBuffer(needles.byteLength));
    shared.set(needles);
  }
  const next = new Int32Array(new SharedArrayBuffer(4));
  const job = { parts, needles: shared, count, maxDistance, next, batch: options.batch ?? 256 };
  const results = await Promise.all(Array.from({ length: threads }, () => runWorker(job)));
  return collect(count, results);
}

/** Workers run the TypeScript sources through tsx, as the main thread does (bin/vigil.js). */
const WORKER_BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./bulk-worker.ts', import.meta.url).href)}); })`;

function runWorker(job: object): Promise<FlatMatches> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_BOOT, { eval: true, workerData: job });
    let result: FlatMatches | undefined;
    worker.once('message', (m: FlatMatches) => {
      result = m;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`bulk-matching worker stopped with exit code ${code} before it answered`));
    });
  });
}

/** Merges per-worker matches into needle order (each worker's are already sorted per needle). */
function collect(count: number, parts: FlatMatches[]): BulkResult {
  const offsets = new Uint32Array(count + 1);
  for (const p of parts) for (let k = 0; k < p.length; k++) offsets[p.query[k] + 1]++;
  for (let i = 0; i < count; i++) offsets[i + 1] += offsets[i];
  const total = offsets[count];
  const ids = new Uint32Array(total);
  const distances = new Uint16Array(total);
  const cursor = offsets.slice(0, count);
  for (const p of parts) {
    for (let k = 0; k < p.length; k++) {
      const at = cursor[p.query[k]]++;
      ids[at] = p.id[k];
      distances[at] = p.distance[k];
    }
  }
  return { offsets, ids, distances };
}
