/**
 * A worker of the PDQ search pool (pdq-search-pool.ts). It keeps the searcher over each index
 * (media, entries) it was last sent, so a query batch costs only its search, not the set-up of
 * every segment again; the pool sends an index's parts only when they changed. For each batch it
 * claims needles from a shared counter until none are left and posts its matches back.
 */
import { parentPort } from 'node:worker_threads';
import { emptyMatches, SharedSearcher } from '../matching/bulk-search.js';
import { useScratchSlot as takeScratchSlot } from '../matching/mih-segment.js';
import type { SharedParts } from '../matching/multi-index.js';

export type PoolMessage =
  | { kind: 'slot'; slot: number }
  | { kind: 'index'; source: string; version: number; parts: SharedParts }
  | {
      kind: 'search';
      source: string;
      version: number;
      needles: Uint32Array;
      count: number;
      maxDistance: number;
      next: Int32Array;
      batch: number;
    };

const searchers = new Map<string, { version: number; searcher: SharedSearcher }>();

parentPort?.on('message', (message: PoolMessage) => {
  if (message.kind === 'slot') {
    takeScratchSlot(message.slot);
    parentPort?.postMessage({ ok: true });
    return;
  }
  if (message.kind === 'index') {
    searchers.set(message.source, { version: message.version, searcher: new SharedSearcher(message.parts) });
    return;
  }
  const held = searchers.get(message.source);
  if (!held || held.version !== message.version) {
    parentPort?.postMessage({ error: `no index ${message.source} v${message.version} in this worker` });
    return;
  }
  const out = emptyMatches();
  for (;;) {
    const from = Atomics.add(message.next, 0, message.batch);
    if (from >= message.count) break;
    held.searcher.search(
      message.needles,
      from,
      Math.min(from + message.batch, message.count),
      message.maxDistance,
      out,
    );
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
