// Worker thread entry of the scan's decode pool (decode-pool.ts). Plain JavaScript so that it
// starts the same way under `node --import tsx` and under bin/vigil.js: it loads the TypeScript
// sources through tsx itself.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runDecodeTask } = await import('./decode-task.ts');

parentPort?.on('message', async ({ id, task }) => {
  const input =
    typeof task.input === 'string'
      ? task.input
      : Buffer.from(task.input.buffer, task.input.byteOffset, task.input.byteLength);
  const result = await runDecodeTask({ ...task, input });
  parentPort?.postMessage({ id, result });
});
