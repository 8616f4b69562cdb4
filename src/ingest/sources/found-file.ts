/** A file the walk has found and can read now, before it is checked and handed out. */
import type { ArchiveFormat, ListedIdentity, WalkLimits } from './source-types.js';
import type { ArchiveBudget } from './spool.js';
import type { TempArea } from './temp-area.js';

export interface FoundFile {
  kind: 'found';
  logicalPath: string;
  /** Readable now: the file on disk, or a copy or link in the temp area (`temp`). */
  path: string;
  temp: boolean;
  /** A file on disk: the listing's device and inode (archive entries are the walk's own copies). */
  listed?: ListedIdentity;
  size: number;
  depth: number;
  mtime?: number;
  ctime?: number;
  atime?: number;
  /** What reading its first bytes found, when already done (folder walks read ahead a little). */
  probe?: Probe;
  /** Inside an archive: the budget of the outermost archive, which nested archives draw on too. */
  budget?: ArchiveBudget;
}

/** An archive format (or none), or the error that stopped reading the file. */
export type Probe = { format: ArchiveFormat | undefined } | { error: unknown };

export interface WalkContext {
  temp: TempArea;
  limits: WalkLimits;
}
