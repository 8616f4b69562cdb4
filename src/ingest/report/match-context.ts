/**
 * What a report says about each match's target, looked up when the report is built (so it says
 * what the database knows now, as the exhibit's agency may see it): the series, category, whether
 * the victim is identified and the owning agency (storage/match-context.repository.ts).
 */
import type { Kysely } from 'kysely';
import type { FileMatch } from '../../domain/file-match.record.js';
import { MatchContextRepository, type TargetContext } from '../../storage/match-context.repository.js';
import type { VigilSchema } from '../../storage/schema.js';

export type { TargetContext } from '../../storage/match-context.repository.js';

/** Finds the context of a match's target (undefined where nothing is known). */
export type MatchContext = (m: FileMatch) => TargetContext | undefined;

export async function loadMatchContext(
  db: Kysely<VigilSchema>,
  agencyId: number,
  matches: Iterable<FileMatch>,
): Promise<MatchContext> {
  const mediaIds = new Set<number>();
  const entryIds = new Set<number>();
  for (const m of matches) {
    if (m.mediaId !== null) mediaIds.add(m.mediaId);
    if (m.hashSetEntryId !== null) entryIds.add(m.hashSetEntryId);
  }
  const repo = new MatchContextRepository(db);
  const media = mediaIds.size > 0 ? await repo.ofMedia(agencyId, [...mediaIds]) : new Map<number, TargetContext>();
  const entries = entryIds.size > 0 ? await repo.ofEntries(agencyId, [...entryIds]) : new Map<number, TargetContext>();
  return (m) => (m.mediaId !== null ? media.get(m.mediaId) : entries.get(m.hashSetEntryId ?? -1));
}
