/**
 * Tar and tar.gz entries as the stream delivers them (tar-stream): each regular file streamed
 * into the temp area within the archive's byte budget; a gzip stream is also held to the ratio
 * limit. Names are decoded as raw bytes (latin1 round trip), or as UTF-8 when a PAX header gave them.
 */
import { createReadStream } from 'node:fs';
import type { Readable, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import type { ArchiveEntry, ReaderContext } from './archive-entry.js';
import { errorMessage } from './archive-entry.js';
import { checkEntryName } from './logical-name.js';
import type { ArchiveFormat } from './source-types.js';
import { RatioGuard, SourceLimitError, spool } from './spool.js';

function rawName(header: tar.Headers): Buffer {
  const fromPax = (header as { pax?: Record<string, string> | null }).pax?.path !== undefined;
  return Buffer.from(header.name, fromPax ? 'utf8' : 'latin1');
}

function openStream(archive: string | number, format: ArchiveFormat, ctx: ReaderContext): [Readable, ...Transform[]] {
  const file = typeof archive === 'number' ? createReadStream('', { fd: archive }) : createReadStream(archive);
  if (format === 'tar') return [file];
  const guard = new RatioGuard(ctx.limits.maxRatio, ctx.limits.ratioGraceBytes, 'gzip stream');
  const input = guard.counter('input');
  const gunzip = createGunzip();
  const output = guard.counter('output');
  return [file, input, gunzip, output];
}

function archiveError(e: unknown): ArchiveEntry {
  if (e instanceof SourceLimitError) return { kind: 'error', path: null, code: e.code, reason: e.message };
  return { kind: 'error', path: null, code: 'corrupt-archive', reason: errorMessage(e) };
}

/** Entries of the tar (or tar.gz) at `archive`: a path, or a descriptor the reader takes over and closes. */
export async function* readTar(
  archive: string | number,
  format: ArchiveFormat,
  ctx: ReaderContext,
): AsyncGenerator<ArchiveEntry> {
  const chain = openStream(archive, format, ctx);
  const extract = tar.extract({ filenameEncoding: 'latin1' });
  let failure: unknown;
  const fail = (e: unknown) => {
    failure ??= e;
    extract.destroy(e as Error);
  };
  for (const s of chain) s.on('error', fail);
  let tail: Readable = chain[0];
  for (const s of chain.slice(1) as Transform[]) tail = tail.pipe(s);
  tail.pipe(extract);
  try {
    for await (const entry of extract) {
      const header = entry.header;
      const name = checkEntryName(rawName(header));
      if (!name.ok) {
        entry.resume();
        yield { kind: 'error', path: name.shown, code: 'unsafe-path', reason: name.reason };
        continue;
      }
      if (header.type === 'directory') {
        entry.resume();
        continue;
      }
      if (header.type !== 'file' && header.type !== 'contiguous-file') {
        entry.resume();
        const linky = header.type === 'symlink' || header.type === 'link';
        yield {
          kind: 'error',
          path: name.path,
          code: linky ? 'link-not-followed' : 'unsupported-format',
          reason: linky ? `${header.type} inside an archive` : `${header.type} entry, not a regular file`,
        };
        continue;
      }
      const tempPath = ctx.temp.newPath();
      let size: number;
      try {
        size = await spool(entry, tempPath, ctx.budget);
      } catch (e) {
        await ctx.temp.remove(tempPath);
        yield archiveError(failure ?? e);
        return;
      }
      yield { kind: 'file', path: name.path, tempPath, size, mtime: header.mtime?.getTime() };
    }
    if (failure) yield archiveError(failure);
  } catch (e) {
    yield archiveError(failure ?? e);
  } finally {
    for (const s of chain) s.destroy();
    extract.destroy();
  }
}
