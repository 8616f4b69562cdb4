/**
 * The scan's decode step on worker threads: one worker per core by default on more than 2 cores
 * (`--workers N`; see defaultWorkers).
 * A picture that brings its worker down becomes that file's decode error; the scan goes on.
 */
import { availableParallelism } from 'node:os';
import type { DecodeResult, DecodeTask } from './decode-task.js';
import { WorkerPool } from './worker-pool.js';

export type { DecodeResult, DecodeTask } from './decode-task.js';

export interface Decoder {
  decode(task: DecodeTask): Promise<DecodeResult>;
  close(): Promise<void>;
}

/**
 * One decode thread per core, except on 2 cores or fewer: there the threads only compete with
 * sharp's own and with the main thread (measured on 2 cores: full scan 73% of decode-only on the
 * main thread, 55% with 2 workers), so the main thread decodes.
 */
export function defaultWorkers(cores = availableParallelism()): number {
  return cores <= 2 ? 0 : cores;
}

export function createDecodePool(workers = defaultWorkers()): Decoder {
  // Started at the first picture: a re-scan of known files decodes nothing and starts no thread.
  let pool: WorkerPool<DecodeTask, DecodeResult> | undefined;
  return {
    async decode(task) {
      pool ??= new WorkerPool<DecodeTask, DecodeResult>(new URL('./decode-worker.mjs', import.meta.url), workers);
      try {
        const out = await pool.run(task);
        // Buffers cross threads as plain Uint8Arrays.
        if (out.thumbnail) {
          const b = out.thumbnail.bytes as Uint8Array;
          out.thumbnail.bytes = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
        }
        return out;
      } catch (cause) {
        return { decodeError: cause instanceof Error ? cause.message : String(cause) };
      }
    },
    close: async () => pool?.close(),
  };
}
