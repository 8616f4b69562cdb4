/**
 * What a source walk yields: every file inside a folder, an archive or a single file, and one
 * error item for each thing that could not be read. A walk never stops because of one bad entry.
 */
import type { Readable } from 'node:stream';
import type { AppErrorCode } from '../../domain/app-error.js';

/** One file found in the source, readable until `release()` is called. */
export interface SourceFile {
  kind: 'file';
  /**
   * Where it is inside the source, and the key a resumed scan skips by: names joined by `/`, one
   * `!/` per archive level (`evidence/a.zip!/photos/b.jpg`). Lossless: `%`, `!`, control
   * characters and bytes that are not UTF-8 are written `%XX` (see logical-name.ts).
   */
  logicalPath: string;
  size: number;
  /** 0 for files on disk, 1 for an entry of an archive on disk, 2 inside a nested archive, … */
  depth: number;
  /** Milliseconds since the epoch, where the source records them. */
  mtime?: number;
  ctime?: number;
  atime?: number;
  /** Set on the archive file itself (its entries follow it) when it was read as an archive. */
  archive?: ArchiveFormat;
  /** A path on disk holding the bytes now: the file itself, or a copy in the walk's temp area. */
  path: string;
  /** For a file on disk: which file the listing saw. Whoever reads `path` must check it is still that file. */
  listed?: ListedIdentity;
  open(): Promise<Readable>;
  /** Says the consumer is done; a temp copy is deleted. Idempotent. */
  release(): Promise<void>;
}

/**
 * A file as its folder's listing saw it (device and inode), so a name swapped afterwards for a
 * symbolic link or another file is refused rather than read (src/ingest/listed-file.ts).
 */
export interface ListedIdentity {
  dev: number;
  ino: number;
  /** `path` is the walk's private link to it (a name that is not UTF-8): followed, then checked. */
  viaLink: boolean;
}

export type SourceErrorCode = Extract<
  AppErrorCode,
  | 'unreadable-file'
  | 'empty-file'
  | 'unsupported-format'
  | 'unsafe-path'
  | 'link-loop'
  | 'link-not-followed'
  | 'archive-too-deep'
  | 'archive-bomb'
  | 'corrupt-archive'
>;

/** Something in the source that could not be read, with why. */
export interface SourceError {
  kind: 'error';
  logicalPath: string;
  code: SourceErrorCode;
  reason: string;
}

export type SourceItem = SourceFile | SourceError;

export type ArchiveFormat = 'zip' | 'tar' | 'tar.gz';

/** Limits of a walk. Every limit applies per archive, at every nesting level. */
export interface WalkOptions {
  /** Archive levels opened (1 = archives on disk only). Deeper archives are an error. Default 3. */
  maxDepth?: number;
  /** Bytes unpacked from one archive before it is abandoned as a bomb. Default 8 GiB. */
  maxArchiveBytes?: number;
  /** Largest uncompressed/compressed ratio of one zip entry or one gzip stream. Default 200. */
  maxRatio?: number;
  /** The ratio limit applies only past this many uncompressed bytes. Default 1 MiB. */
  ratioGraceBytes?: number;
  /** Entries read from one archive before the rest is abandoned. Default 1,000,000. */
  maxEntries?: number;
  /** Folder under which the walk makes its private temp area (mode 0700). Default os.tmpdir(). */
  tempParent?: string;
  /** Open archives at all; false yields archives as plain files. Default true. */
  openArchives?: boolean;
}

export type WalkLimits = Required<Omit<WalkOptions, 'tempParent'>> & { tempParent?: string };

export const DEFAULT_LIMITS: WalkLimits = {
  maxDepth: 3,
  maxArchiveBytes: 8 * 1024 ** 3,
  maxRatio: 200,
  ratioGraceBytes: 1024 ** 2,
  maxEntries: 1_000_000,
  openArchives: true,
};

export function sourceError(logicalPath: string, code: SourceErrorCode, reason: string): SourceError {
  return { kind: 'error', logicalPath, code, reason };
}
