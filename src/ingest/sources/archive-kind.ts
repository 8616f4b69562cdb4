/**
 * Whether a file is an archive the walk opens, by its content: zip and tar by their magic bytes
 * (src/media/file-type.ts), tar.gz by the tar header inside the gzip stream. A gzip holding
 * anything else is not opened (it is yielded as a plain file).
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { SNIFF_BYTES, sniffFileType } from '../../media/file-type.js';
import { openListed } from '../listed-file.js';
import type { Probe } from './found-file.js';
import type { ArchiveFormat, ListedIdentity } from './source-types.js';

async function readHead(fh: FileHandle): Promise<Buffer> {
  const buf = Buffer.alloc(SNIFF_BYTES);
  const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
  return buf.subarray(0, bytesRead);
}

/** The first `n` bytes of the gzip stream's content (fewer if it is shorter or damaged). */
async function gunzipHead(fh: FileHandle, n: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let got = 0;
  const file = fh.createReadStream({ highWaterMark: 16 * 1024, start: 0, autoClose: false });
  const gunzip = createGunzip();
  file.pipe(gunzip);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      got += chunk.length;
      if (got >= n) break;
    }
  } catch {
    // damaged gzip: whatever came out before the damage decides
  } finally {
    file.destroy();
    gunzip.destroy();
  }
  return Buffer.concat(chunks).subarray(0, n);
}

/**
 * Throws the read error (e.g. EACCES) when the file cannot be read at all. A file on disk is read
 * only if it is still the one its folder listing saw (`listed`; see ingest/listed-file.ts).
 */
export async function detectArchive(path: string, listed?: ListedIdentity): Promise<ArchiveFormat | undefined> {
  const fh = listed ? (await openListed(path, listed)).handle : await open(path, 'r');
  try {
    const type = sniffFileType(await readHead(fh));
    if (type.format === 'zip') return 'zip';
    if (type.format === 'tar') return 'tar';
    if (type.format === 'gzip') {
      const inner = sniffFileType(await gunzipHead(fh, SNIFF_BYTES));
      return inner.format === 'tar' ? 'tar.gz' : undefined;
    }
    return undefined;
  } finally {
    await fh.close();
  }
}

export async function probe(path: string, listed?: ListedIdentity): Promise<Probe> {
  try {
    return { format: await detectArchive(path, listed) };
  } catch (error) {
    return { error };
  }
}
