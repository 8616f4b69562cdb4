/**
 * Zip entries one at a time (yauzl, lazy): each checked (name, encryption, links, declared
 * ratio), then streamed into the temp area within the archive's byte budget. Sizes are checked
 * against the central directory as bytes arrive, so a lying header cannot unpack more.
 */
import { closeSync } from 'node:fs';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { ArchiveEntry, ReaderContext } from './archive-entry.js';
import { errorMessage } from './archive-entry.js';
import { checkEntryName } from './logical-name.js';
import { SourceLimitError, spool } from './spool.js';

/** The zip at a path, or on a descriptor (which it then owns: `close()` closes it). */
function openZip(source: string | number): Promise<ZipFile> {
  const options = { lazyEntries: true, decodeStrings: false, autoClose: false };
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip: ZipFile) => {
      if (err && typeof source === 'number') closeSync(source);
      return err ? reject(err) : resolve(zip);
    };
    if (typeof source === 'number') yauzl.fromFd(source, options, done);
    else yauzl.open(source, options, done);
  });
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (e: Entry) => {
      cleanup();
      resolve(e);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream)));
  });
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Why this entry is refused before reading it, or undefined. */
function precheck(
  entry: Entry,
  ctx: ReaderContext,
): { code: 'unsupported-format' | 'link-not-followed' | 'archive-bomb'; reason: string } | undefined {
  if (entry.isEncrypted()) return { code: 'unsupported-format', reason: 'encrypted entry' };
  if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK)
    return { code: 'link-not-followed', reason: 'symbolic link inside an archive' };
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
    return { code: 'unsupported-format', reason: `compression method ${entry.compressionMethod}` };
  const { maxRatio, ratioGraceBytes } = ctx.limits;
  if (entry.uncompressedSize > ratioGraceBytes && entry.uncompressedSize > maxRatio * Math.max(entry.compressedSize, 1))
    return {
      code: 'archive-bomb',
      reason: `entry expands more than ${maxRatio}:1 (${entry.uncompressedSize} bytes from ${entry.compressedSize})`,
    };
  return undefined;
}

/** Entries of the zip at `archive`: a path, or a descriptor the reader takes over and closes. */
export async function* readZip(archive: string | number, ctx: ReaderContext): AsyncGenerator<ArchiveEntry> {
  let zip: ZipFile;
  try {
    zip = await openZip(archive);
  } catch (e) {
    yield { kind: 'error', path: null, code: 'corrupt-archive', reason: errorMessage(e) };
    return;
  }
  try {
    for (;;) {
      let entry: Entry | null;
      try {
        entry = await nextEntry(zip);
      } catch (e) {
        yield { kind: 'error', path: null, code: 'corrupt-archive', reason: errorMessage(e) };
        return;
      }
      if (!entry) return;
      const name = checkEntryName(entry.fileName as unknown as Buffer);
      if (!name.ok) {
        yield { kind: 'error', path: name.shown, code: 'unsafe-path', reason: name.reason };
        continue;
      }
      if (name.directory) continue;
      const refused = precheck(entry, ctx);
      if (refused) {
        yield { kind: 'error', path: name.path, ...refused };
        continue;
      }
      const tempPath = ctx.temp.newPath();
      try {
        const size = await spool(await openEntry(zip, entry), tempPath, ctx.budget);
        yield { kind: 'file', path: name.path, tempPath, size, mtime: entry.getLastModDate().getTime() };
      } catch (e) {
        await ctx.temp.remove(tempPath);
        if (e instanceof SourceLimitError) {
          yield { kind: 'error', path: e.archiveWide ? null : name.path, code: e.code, reason: e.message };
          if (e.archiveWide) return;
        } else yield { kind: 'error', path: name.path, code: 'corrupt-archive', reason: errorMessage(e) };
      }
    }
  } finally {
    zip.close();
  }
}
