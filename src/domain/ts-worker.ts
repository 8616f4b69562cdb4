/**
 * A worker thread that runs one of Vigil's TypeScript modules through tsx, as the main thread
 * does (bin/vigil.js): the worker registers tsx's loader, then imports the module.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

const TSX_API = JSON.stringify(import.meta.resolve('tsx/esm/api'));

export function tsWorker(module: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const boot = `import(${TSX_API}).then((tsx) => { tsx.register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
