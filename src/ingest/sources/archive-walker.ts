/**
 * One found file through the walk: refused if empty or unreadable, handed out, and if its content
 * is an archive, opened (up to the depth limit) with each entry walked the same way in turn.
 */
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { AppError } from '../../domain/app-error.js';
import { openListedFd } from '../listed-file.js';
import { errorMessage } from './archive-entry.js';
import { probe } from './archive-kind.js';
import type { FoundFile, WalkContext } from './found-file.js';
import { type ArchiveFormat, type SourceFile, type SourceItem, sourceError } from './source-types.js';
import { ArchiveBudget } from './spool.js';
import { readTar } from './tar-reader.js';
import { readZip } from './zip-reader.js';

const noop = async () => {};

function sourceFile(found: FoundFile, format: ArchiveFormat | undefined, release: () => Promise<void>): SourceFile {
  const file: SourceFile = {
    kind: 'file',
    logicalPath: found.logicalPath,
    size: found.size,
    depth: found.depth,
    path: found.path,
    ...(found.listed && { listed: found.listed }),
    open: async (): Promise<Readable> => (await open(found.path, 'r')).createReadStream(),
    release,
  };
  if (found.mtime !== undefined) file.mtime = found.mtime;
  if (found.ctime !== undefined) file.ctime = found.ctime;
  if (found.atime !== undefined) file.atime = found.atime;
  if (format) file.archive = format;
  return file;
}

/** The name an entry gets when an earlier entry of the same archive had it already. */
function unique(seen: Set<string>, path: string): string {
  if (!seen.has(path)) {
    seen.add(path);
    return path;
  }
  for (let n = 2; ; n++) {
    const candidate = `${path}!dup${n}`;
    if (!seen.has(candidate)) {
      seen.add(candidate);
      return candidate;
    }
  }
}

async function* expandArchive(ctx: WalkContext, found: FoundFile, format: ArchiveFormat): AsyncGenerator<SourceItem> {
  // One budget for an archive on disk and everything nested in it: bytes unpacked at every level
  // count against its byte limit and its ratio as a whole, so nesting cannot multiply them.
  const { maxArchiveBytes, maxRatio, ratioGraceBytes } = ctx.limits;
  const budget =
    found.budget ?? new ArchiveBudget(maxArchiveBytes, { max: maxRatio, grace: ratioGraceBytes, size: found.size });
  const rctx = { temp: ctx.temp, limits: ctx.limits, budget };
  // An archive on disk is read through a descriptor proven to be the file listed (listed-file.ts),
  // so an archive swapped for a link to another one after listing never gives its entries.
  let source: string | number = found.path;
  if (found.listed) {
    try {
      source = await openListedFd(found.path, found.listed);
    } catch (e) {
      yield readFailure(found.logicalPath, e);
      return;
    }
  }
  const entries = format === 'zip' ? readZip(source, rctx) : readTar(source, format, rctx);
  const seen = new Set<string>();
  for await (const item of entries) {
    if (item.kind === 'error') {
      const at = item.path === null ? found.logicalPath : `${found.logicalPath}!/${item.path}`;
      yield sourceError(at, item.code, item.reason);
      continue;
    }
    if (seen.size >= ctx.limits.maxEntries) {
      await ctx.temp.remove(item.tempPath);
      yield sourceError(found.logicalPath, 'archive-bomb', `more than ${ctx.limits.maxEntries} entries`);
      return;
    }
    yield* walkFound(ctx, {
      kind: 'found',
      logicalPath: `${found.logicalPath}!/${unique(seen, item.path)}`,
      path: item.tempPath,
      temp: true,
      size: item.size,
      depth: found.depth + 1,
      mtime: item.mtime,
      budget,
    });
  }
}

/** A file on disk that could not be read: an AppError (a listed file found replaced) says why itself, a system error by its code. */
function readFailure(logicalPath: string, error: unknown): SourceItem {
  const code = error instanceof AppError ? undefined : (error as NodeJS.ErrnoException).code;
  return sourceError(logicalPath, 'unreadable-file', code ? `cannot read (${code})` : errorMessage(error));
}

export async function* walkFound(ctx: WalkContext, found: FoundFile): AsyncGenerator<SourceItem> {
  const [consumerRelease, walkRelease] = found.temp ? ctx.temp.hold(found.path, 2) : [noop, noop];
  try {
    if (found.size === 0) {
      await consumerRelease();
      yield sourceError(found.logicalPath, 'empty-file', 'zero bytes');
      return;
    }
    const probed = found.probe ?? (await probe(found.path, found.listed));
    if ('error' in probed) {
      await consumerRelease();
      yield readFailure(found.logicalPath, probed.error);
      return;
    }
    let format = probed.format;
    if (!ctx.limits.openArchives) format = undefined;
    yield sourceFile(found, format, consumerRelease);
    if (!format) return;
    if (found.depth >= ctx.limits.maxDepth) {
      yield sourceError(
        found.logicalPath,
        'archive-too-deep',
        `archive nested deeper than ${ctx.limits.maxDepth} levels`,
      );
      return;
    }
    yield* expandArchive(ctx, found, format);
  } finally {
    await walkRelease();
  }
}
