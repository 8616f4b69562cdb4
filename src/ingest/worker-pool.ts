/**
 * A fixed set of worker threads running one task each at a time; tasks wait in a queue when all
 * are busy (callers bound how many they hand over: mapOrdered pulls the next file only when a slot
 * frees, so the queue never grows with the source). A worker that dies on a task — a crash in a
 * native decoder, an out-of-memory, process.exit — rejects that task only; a fresh worker takes
 * its place and the other tasks go on.
 *
 * The protocol: the pool posts `{ id, task }`; the worker answers `{ id, result }`.
 */
import { Worker } from 'node:worker_threads';

interface Pending<R> {
  id: number;
  task: unknown;
  transfer?: ArrayBuffer[];
  resolve(value: R): void;
  reject(error: Error): void;
}

interface Slot<R> {
  worker: Worker;
  busy?: Pending<R>;
}

export class WorkerStoppedError extends Error {}

export class WorkerPool<T, R> {
  private readonly slots: Slot<R>[] = [];
  private readonly queue: Pending<R>[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly entry: URL,
    readonly size: number,
    private readonly workerData?: unknown,
    /** Node options for the threads; `[]` starts them without this process's loaders (plain .mjs entries). */
    private readonly execArgv?: string[],
  ) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`A worker pool needs 1 or more workers, not ${size}.`);
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** `transfer`: buffers of the task moved to the thread rather than copied (unusable here after). */
  run(task: T, transfer?: ArrayBuffer[]): Promise<R> {
    if (this.closed) return Promise.reject(new Error('The worker pool is closed.'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, transfer, resolve, reject });
      this.dispatch();
    });
  }

  /** Ends every worker; tasks not yet finished are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('The worker pool is closed.'));
    await Promise.all(
      this.slots.map(async (slot) => {
        slot.busy?.reject(new Error('The worker pool is closed.'));
        slot.busy = undefined;
        await slot.worker.terminate();
      }),
    );
  }

  private spawn(): Slot<R> {
    const worker = new Worker(this.entry, { workerData: this.workerData, execArgv: this.execArgv });
    worker.unref();
    const slot: Slot<R> = { worker };
    worker.on('message', (msg: { id: number; result: R }) => {
      const busy = slot.busy;
      if (!busy || busy.id !== msg.id) return;
      slot.busy = undefined;
      busy.resolve(msg.result);
      this.dispatch();
    });
    const died = (why: string, cause?: unknown) => {
      if (this.closed) return;
      const busy = slot.busy;
      slot.busy = undefined;
      worker.removeAllListeners();
      void worker.terminate();
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots[index] = this.spawn();
      busy?.reject(new WorkerStoppedError(`The worker stopped on this file (${why}).`, { cause }));
      this.dispatch();
    };
    // The error's own text can hold source paths or content: readers get its class, `cause` the rest.
    worker.on('error', (e) => died(`it threw ${e instanceof Error ? e.constructor.name : typeof e}`, e));
    worker.on('exit', (code) => died(`exit code ${code}`));
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.busy) continue;
      const next = this.queue.shift() as Pending<R>;
      slot.busy = next;
      slot.worker.postMessage({ id: next.id, task: next.task }, next.transfer);
    }
  }
}
