/**
 * The reading thread of read-in-worker.ts: reads a hash list in the named format, packs its items
 * in batches (hash-list-packing.ts) and posts them, never more than `credit` ahead of what the
 * importing thread has taken (so memory stays flat however slow the inserts are). An error ends
 * the read with a message carrying the error's code and text.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../domain/app-error.js';
import { importFormatFor } from './format-registry.js';
import type { HashListItem } from './hash-list-item.js';
import { packItems } from './hash-list-packing.js';
import { itemBatches } from './read-in-worker.js';

export interface ReadWorkerData {
  format: string;
  path: string;
  batch: number;
  credit: number;
}

export type ReadWorkerMessage =
  | { kind: 'batch'; packed: ReturnType<typeof packItems> }
  | { kind: 'end' }
  | { kind: 'error'; code: string; message: string };

const port = parentPort;
if (port) {
  const { format, path, batch, credit } = workerData as ReadWorkerData;
  let ahead = 0;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    ahead--;
    wake?.();
    wake = null;
  });
  const post = async (items: HashListItem[]) => {
    port.postMessage({ kind: 'batch', packed: packItems(items) } satisfies ReadWorkerMessage);
    ahead++;
    while (ahead >= credit) await new Promise<void>((resolve) => (wake = resolve));
  };
  try {
    for await (const items of itemBatches(await importFormatFor(format, path), path, batch)) await post(items);
    port.postMessage({ kind: 'end' } satisfies ReadWorkerMessage);
  } catch (err) {
    const code = AppError.is(err) ? err.code : 'internal';
    port.postMessage({ kind: 'error', code, message: (err as Error).message } satisfies ReadWorkerMessage);
  }
}
