// Worker thread entry of the scan's read pool (read-pool.ts): reads a file (or takes bytes already
// read) and computes its MD5, SHA-1 and SHA-256 in the same pass, off the main thread. Plain JavaScript with no imports of
// our own, so a thread is ready in a few milliseconds (a re-scan is mostly this step).
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const keepLimit = workerData?.keepLimit ?? 0;
const CHUNK = 1 << 20;
let chunk;

/** Reads into `buffer` from `fd` until it is full or the file ends; returns the bytes read. */
function fill(fd, buffer, length) {
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buffer, got, length - got, null);
    if (n === 0) break;
    got += n;
  }
  return got;
}

function digestPath(path) {
  const hashes = ['md5', 'sha1', 'sha256'].map((a) => createHash(a));
  // O_NONBLOCK: opening a named pipe (FIFO) must not wait for a writer; fstat then refuses it.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { notFile: true };
    let size = 0;
    let data;
    if (stats.size <= keepLimit) {
      // The whole file, kept for decoding: its bytes travel back to the main thread, not copied.
      data = new Uint8Array(new ArrayBuffer(stats.size));
      size = fill(fd, data, stats.size);
      for (const h of hashes) h.update(data.subarray(0, size));
    } else {
      chunk ??= new Uint8Array(CHUNK);
      for (let n = fill(fd, chunk, CHUNK); n > 0; n = fill(fd, chunk, CHUNK)) {
        size += n;
        for (const h of hashes) h.update(chunk.subarray(0, n));
      }
    }
    const [md5, sha1, sha256] = hashes.map((h) => h.digest('hex'));
    return { size, md5, sha1, sha256, data: data?.subarray(0, size) };
  } finally {
    closeSync(fd);
  }
}

/** Bytes already read (an archive member): hashed here and handed back. */
function digestBytes(data) {
  const [md5, sha1, sha256] = ['md5', 'sha1', 'sha256'].map((a) => createHash(a).update(data).digest('hex'));
  return { size: data.length, md5, sha1, sha256, data };
}

parentPort?.on('message', ({ id, task }) => {
  let result;
  try {
    result = task.data ? digestBytes(task.data) : digestPath(task.path);
  } catch (cause) {
    result = { errno: cause?.code ?? 'EIO' };
  }
  parentPort?.postMessage({ id, result }, result.data ? [result.data.buffer] : []);
});
