/**
 * What importing and exporting a VICS case export reads and writes (migration 0018 and the
 * records it fills): the case and its import exhibit, media found or added by SHA-256, their PDQ,
 * sightings, the agency's category, series membership, and the kept entries. I/O only: the
 * service decides what goes where.
 */
import type { Kysely } from 'kysely';
import { MediaCategoryRepository } from './media-category.repository.js';
import type { VigilSchema } from './schema.js';
import { withAppErrors } from './storage-errors.js';
import { inTransaction } from './transaction.js';

export interface VicsCaseHeader {
  caseId: number;
  version: string;
  flavour: string;
  scheme: string;
  info: Record<string, unknown>;
}

export interface KeptEntry {
  id: number;
  mediaId: number | null;
  entry: string;
}

export interface MediaFacts {
  sha256: string;
  md5: string;
  sha1: string;
  size: number;
  mime: string | null;
}

export interface FileSighting {
  path: string;
  createdAt: number | null;
  modifiedAt: number | null;
  accessedAt: number | null;
}

export class VicsCaseRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly now: () => number = Date.now,
  ) {}

  /** `work` in one transaction, with this repository and the media categories bound to it. */
  transaction<T>(work: (repo: VicsCaseRepository, categories: MediaCategoryRepository) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (trx) =>
      work(new VicsCaseRepository(trx, this.now), new MediaCategoryRepository(trx)),
    );
  }

  /** The agency's case with this reference, added when it has none. */
  async caseId(agencyId: number, reference: string, title: string): Promise<number> {
    const found = await this.findCase(agencyId, reference);
    if (found !== null) return found;
    return withAppErrors('Adding a case', async () => {
      const row = await this.db
        .insertInto('cases')
        .values({ agency_id: agencyId, reference, title, created_at: this.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    });
  }

  async findCase(agencyId: number, reference: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('cases')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where('reference', '=', reference)
      .executeTakeFirst();
    return row ? Number(row.id) : null;
  }

  async exhibitId(caseId: number, agencyId: number, label: string): Promise<number> {
    const found = await this.db
      .selectFrom('exhibits')
      .select('id')
      .where('case_id', '=', caseId)
      .where('label', '=', label)
      .executeTakeFirst();
    if (found) return Number(found.id);
    const row = await this.db
      .insertInto('exhibits')
      .values({ case_id: caseId, agency_id: agencyId, label, kind: 'vics-import', created_at: this.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async saveHeader(agencyId: number, header: VicsCaseHeader): Promise<void> {
    const values = {
      version: header.version,
      flavour: header.flavour,
      scheme: header.scheme,
      info: JSON.stringify(header.info),
      updated_at: this.now(),
    };
    await this.db
      .insertInto('vics_cases')
      .values({ case_id: header.caseId, agency_id: agencyId, ...values })
      .onConflict((oc) => oc.column('case_id').doUpdateSet(values))
      .execute();
  }

  async header(agencyId: number, caseId: number): Promise<VicsCaseHeader | null> {
    const row = await this.db
      .selectFrom('vics_cases')
      .selectAll()
      .where('agency_id', '=', agencyId)
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    if (!row) return null;
    const { version, flavour, scheme } = row;
    return { caseId, version, flavour, scheme, info: JSON.parse(row.info) as Record<string, unknown> };
  }

  async findMedia(sha256: string): Promise<{ id: number; md5: string; sha1: string } | null> {
    const row = await this.db
      .selectFrom('media')
      .select(['id', 'md5', 'sha1'])
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    return row ? { id: Number(row.id), md5: row.md5, sha1: row.sha1 } : null;
  }

  addMedia(facts: MediaFacts): Promise<number> {
    return withAppErrors('Adding media', async () => {
      const row = await this.db
        .insertInto('media')
        .values({ ...facts, width: null, height: null, duration_ms: null, created_at: this.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    });
  }

  async addPdq(mediaId: number, pdq: string): Promise<void> {
    await this.db
      .insertInto('signals')
      .values({ media_id: mediaId, type: 'pdq', value: pdq, quality: null })
      .onConflict((oc) => oc.columns(['type', 'value', 'media_id']).doNothing())
      .execute();
  }

  async addSightings(mediaId: number, exhibitId: number, agencyId: number, files: FileSighting[]): Promise<void> {
    if (files.length === 0) return;
    const seenAt = this.now();
    await this.db
      .insertInto('sightings')
      .values(
        files.map((f) => ({
          media_id: mediaId,
          exhibit_id: exhibitId,
          agency_id: agencyId,
          path: f.path,
          file_created_at: f.createdAt,
          file_modified_at: f.modifiedAt,
          file_accessed_at: f.accessedAt,
          seen_at: seenAt,
        })),
      )
      .execute();
  }

  /** The agency's series with this reference (added, restricted, when it has none), with the media as a member. */
  async addToSeries(agencyId: number, mediaId: number, reference: string): Promise<number> {
    let series = await this.db
      .selectFrom('series')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where('reference', '=', reference)
      .executeTakeFirst();
    const at = this.now();
    if (!series) {
      series = await this.db
        .insertInto('series')
        .values({
          agency_id: agencyId,
          reference,
          title: reference,
          status: 'open',
          sharing: 'restricted',
          created_at: at,
          updated_at: at,
          category_value_id: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    }
    const seriesId = Number(series.id);
    const link = await this.db
      .selectFrom('links')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where('from_kind', '=', 'media')
      .where('from_id', '=', mediaId)
      .where('to_kind', '=', 'series')
      .where('to_id', '=', seriesId)
      .where('relation', '=', 'member')
      .executeTakeFirst();
    if (!link) {
      await this.db
        .insertInto('links')
        .values({
          agency_id: agencyId,
          from_kind: 'media',
          from_id: mediaId,
          to_kind: 'series',
          to_id: seriesId,
          relation: 'member',
          created_by: null,
          created_at: at,
        })
        .execute();
    }
    return seriesId;
  }

  /** Whether the case keeps this very entry already (a second import of the same file). */
  async hasEntry(caseId: number, md5: string | null, sha1: string | null, entry: string): Promise<boolean> {
    let query = this.db.selectFrom('vics_entries').select(['entry']).where('case_id', '=', caseId);
    query = md5 === null ? query.where('md5', 'is', null) : query.where('md5', '=', md5);
    query = sha1 === null ? query.where('sha1', 'is', null) : query.where('sha1', '=', sha1);
    return (await query.execute()).some((r) => r.entry === entry);
  }

  async addEntry(
    agencyId: number,
    caseId: number,
    mediaId: number | null,
    hashes: { md5: string | null; sha1: string | null },
    entry: string,
  ): Promise<void> {
    await this.db
      .insertInto('vics_entries')
      .values({ agency_id: agencyId, case_id: caseId, media_id: mediaId, ...hashes, entry, created_at: this.now() })
      .execute();
  }

  async countEntries(agencyId: number, caseId: number): Promise<number> {
    const row = await this.db
      .selectFrom('vics_entries')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('agency_id', '=', agencyId)
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The case's kept entries in import order, after `afterId`. */
  async entries(agencyId: number, caseId: number, afterId: number, limit: number): Promise<KeptEntry[]> {
    const rows = await this.db
      .selectFrom('vics_entries')
      .select(['id', 'media_id', 'entry'])
      .where('agency_id', '=', agencyId)
      .where('case_id', '=', caseId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      mediaId: r.media_id === null ? null : Number(r.media_id),
      entry: r.entry,
    }));
  }
}
