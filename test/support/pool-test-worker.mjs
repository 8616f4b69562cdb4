// A worker for worker-pool.test.ts: answers `n * 2` after `n` ms, or dies the way it is told to.
import { parentPort, threadId } from 'node:worker_threads';

parentPort?.on('message', ({ id, task }) => {
  if (task.exit) process.exit(task.exit);
  if (task.throw)
    setTimeout(() => {
      throw new Error('thrown outside any task');
    });
  else setTimeout(() => parentPort?.postMessage({ id, result: { n: task.n * 2, threadId } }), task.n);
});
