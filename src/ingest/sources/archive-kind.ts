/**
 * Whether a file is an archive the walk opens, by its content: zip and tar by their magic bytes
 * (src/media/file-type.ts), tar.gz by the tar header inside the gzip stream. A gzip holding
 * anything else is not opened (it is yielded as a plain file).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { SNIFF_BYTES, sniffFileType } from '../../media/file-type.js';
import type { Probe } from './found-file.js';
import type { ArchiveFormat } from './source-types.js';

async function readHead(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** The first `n` bytes of the gzip stream's content (fewer if it is shorter or damaged). */
async function gunzipHead(path: string, n: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let got = 0;
  const file = createReadStream(path, { highWaterMark: 16 * 1024 });
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

/** Throws the read error (e.g. EACCES) when the file cannot be read at all. */
export async function detectArchive(path: string): Promise<ArchiveFormat | undefined> {
  const type = sniffFileType(await readHead(path));
  if (type.format === 'zip') return 'zip';
  if (type.format === 'tar') return 'tar';
  if (type.format === 'gzip') {
    const inner = sniffFileType(await gunzipHead(path, SNIFF_BYTES));
    return inner.format === 'tar' ? 'tar.gz' : undefined;
  }
  return undefined;
}

export async function probe(path: string): Promise<Probe> {
  try {
    return { format: await detectArchive(path) };
  } catch (error) {
    return { error };
  }
}
