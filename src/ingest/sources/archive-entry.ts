/** What an archive reader yields: an entry copied into the temp area, or why one was refused. */
import type { SourceErrorCode, WalkLimits } from './source-types.js';
import type { ArchiveBudget } from './spool.js';
import type { TempArea } from './temp-area.js';

export type ArchiveEntry =
  | { kind: 'file'; path: string; tempPath: string; size: number; mtime?: number }
  /** `path` null: the archive itself (corrupt, truncated, a bomb); nothing more is read from it. */
  | { kind: 'error'; path: string | null; code: SourceErrorCode; reason: string };

export interface ReaderContext {
  temp: TempArea;
  limits: WalkLimits;
  budget: ArchiveBudget;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
