/**
 * Worker threads that search this process's PDQ indexes (pdq-index.service.ts) for bulk lookups
 * and for batches of single lookups. Unlike a one-off bulk match, each worker keeps its searcher
 * over an index version, so the per-batch cost is the search itself: an index's parts (shared
 * memory, no copy) are posted to a worker only when its version changed. Batches run one at a
 * time; every worker joins each, claiming needles from a shared counter.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { AppError } from '../domain/app-error.js';
import { tsWorker } from '../domain/ts-worker.js';
import type { BulkResult } from '../matching/bulk-match.js';
import type { FlatMatches } from '../matching/bulk-search.js';
import { HASH_WORDS } from '../matching/hash256.js';
import { SCRATCH_SLOTS } from '../matching/mih-memory.js';
import type { MultiIndex } from '../matching/multi-index.js';
import type { PoolMessage } from './pdq-search-worker.js';

interface PoolWorker {
  worker: Worker;
  /** Index version each source was last sent at. */
  sent: Map<string, number>;
}

export class PdqSearchPool {
  private readonly workers: PoolWorker[];
  private queue: Promise<unknown> = Promise.resolve();
  private readonly started: Promise<void>;
  private closed = false;

  constructor(threads = availableParallelism()) {
    const count = Math.max(1, Math.min(threads, SCRATCH_SLOTS - 1));
    this.workers = Array.from({ length: count }, () => ({
      worker: tsWorker(new URL('./pdq-search-worker.ts', import.meta.url)),
      sent: new Map(),
    }));
    for (const w of this.workers) {
      w.worker.unref();
      w.worker.on('error', () => {});
    }
    // Slot 0 is the main thread's scratch area in kernel memories; workers take 1….
    this.started = Promise.all(this.workers.map((w, k) => reply(w.worker, { kind: 'slot', slot: k + 1 }))).then(
      () => {},
    );
  }

  get threads(): number {
    return this.workers.length;
  }

  /** Resolves once every worker has loaded. */
  ready(): Promise<void> {
    return this.started;
  }

  /** Matches of every needle within `maxDistance` (needle i's at offsets[i] … offsets[i + 1] − 1). */
  search(
    source: string,
    version: number,
    index: MultiIndex,
    needles: Uint32Array,
    maxDistance: number,
  ): Promise<BulkResult> {
    const run = this.queue.then(() => this.run(source, version, index, needles, maxDistance));
    this.queue = run.catch(() => {});
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  private async run(
    source: string,
    version: number,
    index: MultiIndex,
    needles: Uint32Array,
    maxDistance: number,
  ): Promise<BulkResult> {
    await this.started;
    // A stopped worker never answers: without this, a search after close() would wait forever.
    if (this.closed) throw searchFailed(new Error('the pool was closed'));
    const count = needles.length / HASH_WORDS;
    let parts: ReturnType<MultiIndex['shared']> | undefined;
    for (const w of this.workers) {
      if (w.sent.get(source) === version) continue;
      parts ??= index.shared();
      w.worker.postMessage({ kind: 'index', source, version, parts } satisfies PoolMessage);
      w.sent.set(source, version);
    }
    const batch = Math.min(256, Math.max(1, Math.ceil(count / this.workers.length)));
    const next = new Int32Array(new SharedArrayBuffer(4));
    const job: PoolMessage = { kind: 'search', source, version, needles, count, maxDistance, next, batch };
    const results = await Promise.all(this.workers.map((w) => reply<FlatMatches>(w.worker, job)));
    return collect(count, results);
  }
}

function reply<T>(worker: Worker, message: PoolMessage): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (m: T & { error?: string }) => {
      done();
      if (m.error) reject(searchFailed(new Error(m.error)));
      else resolve(m);
    };
    const onError = (e: Error) => {
      done();
      reject(searchFailed(e));
    };
    const onExit = (code: number) => {
      done();
      reject(searchFailed(Object.assign(new Error('worker exited'), { code: `exit-${code}` })));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(message);
  });
}

/**
 * A failed search as callers (and HTTP clients) see it: a fixed sentence; what went wrong in the
 * worker stays in `cause`, which logs show by class and code only (errorLogFields).
 */
function searchFailed(cause: Error): AppError {
  return new AppError('internal', 'The PDQ search could not be completed; try the lookup again.', { cause });
}

/** Merges per-worker matches into needle order (each worker's are sorted per needle). */
function collect(count: number, parts: FlatMatches[]): BulkResult {
  const offsets = new Uint32Array(count + 1);
  for (const p of parts) for (let k = 0; k < p.length; k++) offsets[p.query[k] + 1]++;
  for (let i = 0; i < count; i++) offsets[i + 1] += offsets[i];
  const ids = new Uint32Array(offsets[count]);
  const distances = new Uint16Array(offsets[count]);
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
