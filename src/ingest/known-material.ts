/**
 * What a scan compares each file's PDQ against: in-memory indexes over the PDQ of known media and
 * of the hash-set entries the agency may see, built once when the scan starts. Files stored by
 * the scan itself are not added: a file's status says what was known before this seizure.
 */
import type { Kysely } from 'kysely';
import { queryDihedral } from '../matching/dihedral-query.js';
import { MultiIndex } from '../matching/multi-index.js';
import type { DihedralName } from '../signals/pdq/dihedral.js';
import { PdqSourceRepository } from '../storage/pdq-source.repository.js';
import type { VigilSchema } from '../storage/schema.js';
import type { NearHit } from './triage.js';

export interface NearFinding extends NearHit {
  /** The media or hash-set entry id that matched. */
  targetId: number;
}

export class KnownMaterial {
  private constructor(
    private readonly media: MultiIndex,
    private readonly entries: MultiIndex,
    private readonly entrySet: Map<number, { name: string | null; knownGood: boolean }>,
  ) {}

  /** Known media are those stored before `before`: what the exhibit's scan compares against. */
  static async load(db: Kysely<VigilSchema>, agencyId: number, before: number): Promise<KnownMaterial> {
    const repo = new PdqSourceRepository(db);
    const media = new MultiIndex();
    const mediaRows = [];
    for await (const page of repo.mediaPdq(before)) mediaRows.push(...page);
    media.build(mediaRows);
    const entries = new MultiIndex();
    const entrySet = new Map<number, { name: string | null; knownGood: boolean }>();
    const entryRows = [];
    for await (const page of repo.entryPdq(agencyId)) {
      for (const r of page) entrySet.set(r.id, { name: r.hashSetName, knownGood: r.knownGood });
      entryRows.push(...page);
    }
    entries.build(entryRows);
    return new KnownMaterial(media, entries, entrySet);
  }

  get size(): number {
    return this.media.size + this.entries.size;
  }

  /** Known media and entries within `threshold` of any rotation or mirror of the file. */
  near(dihedral: Record<DihedralName, string>, threshold: number): NearFinding[] {
    const found: NearFinding[] = [];
    for (const m of queryDihedral(this.media, dihedral, threshold)) {
      found.push({
        source: { kind: 'media', mediaId: m.id },
        targetId: m.id,
        distance: m.distance,
        variant: m.variant,
      });
    }
    for (const m of queryDihedral(this.entries, dihedral, threshold)) {
      const set = this.entrySet.get(m.id) ?? { name: null, knownGood: false };
      found.push({
        source: { kind: 'hash-set', name: set.name, ignorable: set.knownGood, entryId: m.id },
        targetId: m.id,
        distance: m.distance,
        variant: m.variant,
      });
    }
    return found;
  }
}
