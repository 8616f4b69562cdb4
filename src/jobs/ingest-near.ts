/**
 * Near-duplicate candidates of an uploaded picture from the process's live PDQ index
 * (vigil.pdqIndex) instead of a per-scan KnownMaterial: the index is first brought up to date
 * (so what another worker committed a moment ago counts), then every rotation and mirror is looked
 * up, keeping per media or entry its smallest distance and the variant that gave it. Hash-set
 * entries count only where the uploading agency may see their hashes, as in a scan.
 */
import type { Kysely } from 'kysely';
import type { NearFinding } from '../ingest/known-material.js';
import type { NearSource } from '../ingest/scan-file.js';
import type { PdqIndexService } from '../services/pdq-index.service.js';
import { DIHEDRAL_NAMES, type DihedralName } from '../signals/pdq/dihedral.js';
import { MatchTargetsRepository } from '../storage/match-targets.repository.js';
import type { VigilSchema } from '../storage/schema.js';

type Best = Map<number, { distance: number; variant: DihedralName }>;

function keep(best: Best, id: number, distance: number, variant: DihedralName): void {
  const seen = best.get(id);
  if (!seen || distance < seen.distance) best.set(id, { distance, variant });
}

/** The findings for one picture's variants within `threshold`, as a NearSource for finishFile. */
export async function nearFromIndex(
  index: PdqIndexService,
  db: Kysely<VigilSchema>,
  agencyId: number,
  dihedral: Record<DihedralName, string> | undefined,
  threshold: number,
): Promise<NearSource> {
  const found: NearFinding[] = [];
  if (dihedral) {
    await index.refresh();
    const media: Best = new Map();
    const entries: Best = new Map();
    for (const variant of DIHEDRAL_NAMES) {
      const hits = index.near(dihedral[variant], threshold);
      for (const h of hits.media) keep(media, h.id, h.distance, variant);
      for (const h of hits.entries) keep(entries, h.id, h.distance, variant);
    }
    for (const [id, hit] of media) found.push({ source: { kind: 'media', mediaId: id }, targetId: id, ...hit });
    const visible = await new MatchTargetsRepository(db).visibleEntries([...entries.keys()], agencyId);
    for (const [id, hit] of entries) {
      const set = visible.get(id);
      if (!set) continue;
      found.push({
        source: { kind: 'hash-set', name: set.setVisible ? set.hashSetName : null, ignorable: set.knownGood },
        targetId: id,
        ...hit,
      });
    }
  }
  return { near: (_variants, limit) => found.filter((f) => f.distance <= limit) };
}
