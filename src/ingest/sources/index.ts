/**
 * Ingest sources: every file inside a folder, a zip, a tar, a tar.gz or a single file, as an
 * async iterator the consumer pulls from (nothing is read ahead), plus one error item for each
 * thing that cannot be read. See README "Ingest sources" for the limits.
 *
 * Files on disk are handed out in place; archive entries are copied one at a time into a private
 * temp area and stay there until the consumer calls `release()`. The temp area is removed when
 * the walk has ended and every file it handed out has been released.
 */
import { walkFound } from './archive-walker.js';
import { walkPath } from './folder-walker.js';
import { DEFAULT_LIMITS, type SourceItem, type WalkOptions } from './source-types.js';
import { TempArea } from './temp-area.js';

export { decodeName } from './logical-name.js';
export {
  type ArchiveFormat,
  DEFAULT_LIMITS,
  type ListedIdentity,
  type SourceError,
  type SourceErrorCode,
  type SourceFile,
  type SourceItem,
  type WalkOptions,
} from './source-types.js';

export async function* walkSource(path: string, options: WalkOptions = {}): AsyncGenerator<SourceItem> {
  const limits = { ...DEFAULT_LIMITS, ...options };
  const temp = await TempArea.create(options.tempParent);
  const ctx = { temp, limits };
  try {
    for await (const item of walkPath(ctx, path)) {
      if (item.kind === 'error') yield item;
      else yield* walkFound(ctx, item);
    }
  } finally {
    await temp.end();
  }
}
