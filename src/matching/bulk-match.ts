/**
 * Bulk matching: a whole list of needles (a seizure's hashes, another agency's list) against a
 * multi-index on every core. Workers share the index's memory (SharedArrayBuffers, no copy) and
 * claim batches from a shared counter, so a slow batch does not hold the others up.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { AppError } from '../domain/app-error.js';
import { tsWorker } from '../domain/ts-worker.js';
import { emptyMatches, type FlatMatches, SharedSearcher } from './bulk-search.js';
import type { BulkJob } from './bulk-worker.js';
import { HASH_WORDS, hexToWords } from './hash256.js';
import { checkDistance } from './index-args.js';
import { SCRATCH_SLOTS } from './mih-memory.js';
import { MultiIndex } from './multi-index.js';
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

/**
 * A pool of worker threads for bulk matching; start it once (workers take a moment to load) and
 * reuse it. Jobs run one at a time; every worker joins each job.
 */
export class BulkMatcher {
  private readonly workers: Worker[];
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(readonly threads = availableParallelism()) {
    const count = Math.max(1, Math.min(threads, SCRATCH_SLOTS - 1));
    this.workers = Array.from({ length: count }, () => tsWorker(new URL('./bulk-worker.ts', import.meta.url)));
    for (const w of this.workers) {
      w.unref();
      // Failures while idle surface on the next job (as its rejection), not as a crash.
      w.on('error', () => {});
    }
  }

  /** Resolves once every worker has loaded and answered an empty job. */
  async ready(): Promise<void> {
    await this.match(new MultiIndex(), new Uint32Array(0), 0);
  }

  match(index: MultiIndex, needles: Uint32Array, maxDistance: number, batch = 256): Promise<BulkResult> {
    checkDistance(maxDistance);
    if (needles.length % HASH_WORDS !== 0) throw new AppError('bad-usage', 'Needles are 8 words each.');
    const run = this.queue.then(() => this.run(index, needles, maxDistance, batch));
    this.queue = run.catch(() => {});
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private async run(index: MultiIndex, needles: Uint32Array, maxDistance: number, batch: number): Promise<BulkResult> {
    // A stopped worker never answers: without this, a match after close() would wait forever.
    if (this.closed) throw bulkFailed(new Error('the pool was closed'));
    const count = needles.length / HASH_WORDS;
    let shared = needles;
    if (!(needles.buffer instanceof SharedArrayBuffer)) {
      shared = new Uint32Array(new SharedArrayBuffer(needles.byteLength));
      shared.set(needles);
    }
    const job: Omit<BulkJob, 'slot'> = {
      parts: index.shared(),
      needles: shared,
      count,
      maxDistance,
      next: new Int32Array(new SharedArrayBuffer(4)),
      batch,
    };
    const results = await Promise.all(this.workers.map((w, k) => answer(w, { ...job, slot: k + 1 })));
    return collect(count, results);
  }
}

function answer(worker: Worker, job: BulkJob): Promise<FlatMatches> {
  return new Promise((resolve, reject) => {
    const done = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (m: FlatMatches) => {
      done();
      resolve(m);
    };
    const onError = (e: Error) => {
      done();
      reject(bulkFailed(e));
    };
    const onExit = (code: number) => {
      done();
      reject(bulkFailed(Object.assign(new Error('worker exited'), { code: `exit-${code}` })));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job);
  });
}

/** A failed bulk match: a fixed sentence; the worker's error stays in `cause` (logged by class and code). */
function bulkFailed(cause: Error): AppError {
  return new AppError('internal', 'The bulk match could not be completed; try again.', { cause });
}

/** One bulk match on a pool made for it (or in this thread when `threads` is 1). */
export async function bulkMatch(
  index: MultiIndex,
  needles: Uint32Array,
  maxDistance: number,
  options: BulkOptions = {},
): Promise<BulkResult> {
  checkDistance(maxDistance);
  const count = needles.length / HASH_WORDS;
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), Math.ceil(count / 64)));
  if (threads === 1) {
    const out = emptyMatches();
    new SharedSearcher(index.shared()).search(needles, 0, count, maxDistance, out);
    return collect(count, [out]);
  }
  const pool = new BulkMatcher(threads);
  try {
    return await pool.match(index, needles, maxDistance, options.batch);
  } finally {
    await pool.close();
  }
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
