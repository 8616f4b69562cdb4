/**
 * The case side of importing and exporting a VICS case export (migration 0018): the case and
 * its import exhibit, the file's header, and the kept entries read back in import order. The
 * entries' records are written a batch at a time by vics-case-batch.repository.ts. I/O only: the
 * services decide what goes where.
 */
import type { Kysely } from 'kysely';
import type { VigilSchema } from './schema.js';
import { withAppErrors } from './storage-errors.js';

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
