/**
 * From what a file's matching found (exact, PDQ, vPDQ and camera hits) to the match details kept
 * on its scan row (domain/file-match.record.ts), and the category of each exact or PDQ target
 * filled in from the database, so triage's reasons name it ("… (category X)").
 */
import type { Kysely } from 'kysely';
import type { FileMatch } from '../domain/file-match.record.js';
import { MatchContextRepository } from '../storage/match-context.repository.js';
import type { VigilSchema } from '../storage/schema.js';
import type { NearFinding } from './known-material.js';
import type { VideoHit } from './known-videos.js';
import type { CameraHit, ExactHit } from './triage.js';

export interface Findings {
  exact: readonly ExactHit[];
  near: readonly NearFinding[];
  videos: readonly VideoHit[];
  camera: readonly CameraHit[];
}

function target(source: ExactHit['source']): Pick<FileMatch, 'mediaId' | 'hashSetEntryId' | 'hashSet' | 'knownGood'> {
  if (source.kind === 'media') return { mediaId: source.mediaId, hashSetEntryId: null, hashSet: null };
  return { mediaId: null, hashSetEntryId: source.entryId ?? null, hashSet: source.name, knownGood: source.ignorable };
}

/** The file's matches as data; at most `maxSerial` media per camera serial. */
export function fileMatchesOf(found: Findings, maxSerial: number): FileMatch[] {
  const out: FileMatch[] = [];
  for (const h of found.exact) out.push({ kind: h.hash, ...target(h.source) });
  for (const n of found.near) {
    const to = target(n.source);
    // The hub's near finder names the entry by targetId only.
    if (n.source.kind === 'hash-set') to.hashSetEntryId = n.targetId;
    out.push({ kind: 'pdq', ...to, distance: n.distance, variant: n.variant });
  }
  for (const v of found.videos) {
    out.push({
      kind: 'vpdq',
      mediaId: v.mediaId,
      hashSetEntryId: null,
      hashSet: null,
      queryPercent: v.queryPercent,
      comparedPercent: v.comparedPercent,
      queryRanges: v.queryRanges,
      comparedRanges: v.comparedRanges,
    });
  }
  for (const c of found.camera) {
    for (const mediaId of c.mediaIds.slice(0, maxSerial)) {
      out.push({ kind: 'camera-serial', mediaId, hashSetEntryId: null, hashSet: null, serial: c.serial });
    }
  }
  return out;
}

/** Sets each hit's category where the database knows one (the agency's view); one query per kind. */
export async function addCategories(
  db: Kysely<VigilSchema>,
  agencyId: number,
  hits: readonly (ExactHit | NearFinding)[],
): Promise<void> {
  const entryOf = (h: ExactHit | NearFinding) =>
    h.source.kind !== 'hash-set' ? undefined : 'targetId' in h ? h.targetId : h.source.entryId;
  const mediaIds = hits.flatMap((h) => (h.source.kind === 'media' ? [h.source.mediaId] : []));
  const entryIds = hits.flatMap((h) => entryOf(h) ?? []);
  if (mediaIds.length === 0 && entryIds.length === 0) return;
  const repo = new MatchContextRepository(db);
  const media = mediaIds.length > 0 ? await repo.ofMedia(agencyId, mediaIds) : new Map();
  const entries = entryIds.length > 0 ? await repo.ofEntries(agencyId, entryIds) : new Map();
  for (const h of hits) {
    const s = h.source;
    const entryId = entryOf(h);
    const context = s.kind === 'media' ? media.get(s.mediaId) : entryId ? entries.get(entryId) : undefined;
    if (context?.category) h.category = context.category;
  }
}
