/**
 * A hash list's items in batches, read on a worker thread when the file is large: the read (for
 * VICS: scanning, JSON.parse and normalising each entry, ~15 µs an entry) then runs beside the
 * inserts on the importing thread instead of before each batch of them. Small files are read on
 * the calling thread (a worker takes a few hundred ms to start). Either way the items and their
 * order are the same; a read error surfaces as the same AppError code and text.
 */
import { stat } from 'node:fs/promises';
import { AppError, type AppErrorCode } from '../domain/app-error.js';
import { tsWorker } from '../domain/ts-worker.js';
import type { ImportFormat } from './format-registry.js';
import type { HashListItem } from './hash-list-item.js';
import { unpackItems } from './hash-list-packing.js';
import type { ReadWorkerData, ReadWorkerMessage } from './read-worker.js';

/** Items a batch. */
export const READ_BATCH = 4_000;
/** Files from this size are read on a worker thread (`readThread: 'auto'`). */
export const READ_THREAD_FROM_BYTES = 8 * 1024 * 1024;
/** Batches the worker may read ahead of the importer. */
const CREDIT = 3;

export interface ReadBatchOptions {
  /** `auto` (default): a worker for files from READ_THREAD_FROM_BYTES; `worker` or `inline` always. */
  readThread?: 'auto' | 'worker' | 'inline';
  batch?: number;
}

export async function* readItemBatches(
  format: ImportFormat,
  path: string,
  options: ReadBatchOptions = {},
): AsyncGenerator<HashListItem[]> {
  const batch = options.batch ?? READ_BATCH;
  const mode = options.readThread ?? 'auto';
  const worker = mode === 'worker' || (mode === 'auto' && (await stat(path)).size >= READ_THREAD_FROM_BYTES);
  if (worker) {
    yield* workerBatches({ format: format.name, path, batch, credit: CREDIT });
    return;
  }
  yield* itemBatches(format, path, batch);
}

/**
 * The format's items in batches of at least `size` (the last may be smaller; a reader that reads
 * in batches of its own, as VICS does a chunk at a time, has them joined, never split), on this thread.
 */
export async function* itemBatches(format: ImportFormat, path: string, size: number): AsyncGenerator<HashListItem[]> {
  let items: HashListItem[] = [];
  const some = format.readBatches ? format.readBatches(path) : singles(format.read(path));
  try {
    for await (const batch of some) {
      for (const item of batch) items.push(item);
      if (items.length >= size) {
        yield items;
        items = [];
      }
    }
  } catch (err) {
    // What was read before a fatal error is still reported (its rejections told), then the error.
    if (items.length > 0) yield items;
    throw err;
  }
  if (items.length > 0) yield items;
}

async function* singles(items: AsyncIterable<HashListItem>): AsyncGenerator<HashListItem[]> {
  for await (const item of items) yield [item];
}

async function* workerBatches(data: ReadWorkerData): AsyncGenerator<HashListItem[]> {
  const worker = tsWorker(new URL('./read-worker.ts', import.meta.url), { workerData: data });
  const inbox: (ReadWorkerMessage | { kind: 'crash'; error: Error })[] = [];
  let wake: (() => void) | null = null;
  const deliver = (m: (typeof inbox)[number]) => {
    inbox.push(m);
    wake?.();
    wake = null;
  };
  worker.on('message', deliver);
  worker.on('error', (error) => deliver({ kind: 'crash', error }));
  worker.on('exit', (code) =>
    deliver({ kind: 'crash', error: new Error(`the reading thread stopped (exit ${code})`) }),
  );
  try {
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = inbox.shift() as (typeof inbox)[number];
      if (message.kind === 'end') return;
      if (message.kind === 'error') throw new AppError(message.code as AppErrorCode, message.message);
      if (message.kind === 'crash') {
        throw new AppError('internal', `Reading ${data.format} on a worker thread failed: ${message.error.message}`, {
          cause: message.error,
        });
      }
      worker.postMessage('took');
      yield unpackItems(message.packed);
    }
  } finally {
    worker.removeAllListeners();
    worker.on('error', () => {}); // a late error of a thread being stopped is no one's to handle
    await worker.terminate();
  }
}
