/**
 * A bulk-matching worker: for each job, claims batches of needles from a shared counter until
 * none are left, searches them against the shared index, and posts its matches back.
 */
import { parentPort } from 'node:worker_threads';
import { emptyMatches, SharedSearcher } from './bulk-search.js';
import { useScratchSlot } from './mih-segment.js';
import type { SharedParts } from './multi-index.js';

export interface BulkJob {
  parts: SharedParts;
  needles: Uint32Array;
  count: number;
  maxDistance: number;
  next: Int32Array;
  batch: number;
  /** This worker's scratch area in kernel memories (1…; 0 is the main thread's). */
  slot: number;
}

parentPort?.on('message', (job: BulkJob) => {
  useScratchSlot(job.slot);
  const searcher = new SharedSearcher(job.parts);
  const out = emptyMatches();
  for (;;) {
    const from = Atomics.add(job.next, 0, job.batch);
    if (from >= job.count) break;
    searcher.search(job.needles, from, Math.min(from + job.batch, job.count), job.maxDistance, out);
  }
  const n = out.length;
  const result = {
    query: out.query.slice(0, n),
    id: out.id.slice(0, n),
    distance: out.distance.slice(0, n),
    length: n,
  };
  parentPort?.postMessage(result, [result.query.buffer, result.id.buffer, result.distance.buffer]);
});
