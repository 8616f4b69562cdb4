// Worker thread entry of the scan's read pool (read-pool.ts): reads a file (or takes bytes already
// read) and computes its MD5, SHA-1 and SHA-256 in the same pass, off the main thread. Plain
// JavaScript with no imports of our own, so a thread is ready in a few milliseconds (a re-scan is
// mostly this step). The bytes stay here: a re-scan needs none of them, and moving each file's
// bytes to the main thread made it collect hundreds of MB of buffers a second.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

const CHUNK = 1 << 20;
const chunk = new Uint8Array(CHUNK);

function hashes() {
  return ['md5', 'sha1', 'sha256'].map((a) => createHash(a));
}

function answer(size, hs) {
  const [md5, sha1, sha256] = hs.map((h) => h.digest('hex'));
  return { size, md5, sha1, sha256 };
}

function digestPath(path, listed) {
  // O_NONBLOCK: opening a named pipe (FIFO) must not wait for a writer; fstat then refuses it.
  // A listed file (listed-file.ts): its name is not followed if it became a link (unless it is the
  // walk's own link for a name that is not UTF-8), and what opened must be the file listed.
  const nofollow = listed && !listed.viaLink ? constants.O_NOFOLLOW : 0;
  let fd;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | nofollow);
  } catch (cause) {
    if (nofollow && (cause?.code === 'ELOOP' || cause?.code === 'EMLINK')) return { replaced: true };
    throw cause;
  }
  try {
    const st = fstatSync(fd);
    if (listed && (st.dev !== listed.dev || st.ino !== listed.ino)) return { replaced: true };
    if (!st.isFile()) return { notFile: true };
    const hs = hashes();
    let size = 0;
    for (let n = readSync(fd, chunk, 0, CHUNK, null); n > 0; n = readSync(fd, chunk, 0, CHUNK, null)) {
      size += n;
      const view = chunk.subarray(0, n);
      for (const h of hs) h.update(view);
    }
    // Which file was hashed: a later read by path (a large file decoded from disk) checks it is the same.
    return { ...answer(size, hs), dev: st.dev, ino: st.ino, mtimeMs: st.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

/** Bytes already read (an archive member). */
function digestBytes(data) {
  const hs = hashes();
  for (const h of hs) h.update(data);
  return answer(data.length, hs);
}

parentPort?.on('message', ({ id, task }) => {
  let result;
  try {
    result = task.data ? digestBytes(task.data) : digestPath(task.path, task.listed);
  } catch (cause) {
    result = { errno: cause?.code ?? 'EIO' };
  }
  parentPort?.postMessage({ id, result });
});
