/**
 * Links between records, owned by the agency that made them and read only for it. Links are
 * generic (kind + id at each end), so the database cannot hold a foreign key for them: the
 * repository checks both ends exist in the same transaction as the insert (`not-found`).
 */
import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../domain/app-error.js';
import type { Link, RecordKind, RecordRef } from '../domain/link.record.js';
import type { LinkTable } from './records-schema.js';
import type { VigilSchema } from './schema.js';
import { withAppErrors } from './storage-errors.js';
import { inTransaction } from './transaction.js';

/** Where each kind of record lives. */
export const RECORD_TABLES = {
  case: 'cases',
  exhibit: 'exhibits',
  media: 'media',
  series: 'series',
  victim: 'victims',
  offender: 'offenders',
  place: 'places',
  clue: 'clues',
  hash_set: 'hash_sets',
} as const satisfies Record<RecordKind, keyof VigilSchema>;

export interface NewLink {
  agencyId: number;
  from: RecordRef;
  to: RecordRef;
  relation: string;
  /** The user who made it; omitted or null when the system did. */
  createdBy?: number | null;
}

function toLink(row: Selectable<LinkTable>): Link {
  return {
    id: row.id,
    agencyId: row.agency_id,
    from: { kind: row.from_kind as RecordKind, id: row.from_id },
    to: { kind: row.to_kind as RecordKind, id: row.to_id },
    relation: row.relation,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

async function assertExists(db: Kysely<VigilSchema>, ref: RecordRef): Promise<void> {
  const table = RECORD_TABLES[ref.kind];
  if (!table) throw new AppError('bad-usage', `Adding a link: "${ref.kind}" is not a kind of record.`);
  const found = await db.selectFrom(table).select('id').where('id', '=', ref.id).executeTakeFirst();
  if (!found) throw new AppError('not-found', `Adding a link: there is no ${ref.kind} ${ref.id}.`);
}

export class LinkRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly now: () => number = Date.now,
  ) {}

  /** `not-found` when an end, the agency or the user does not exist; `conflict` when the agency has this link. */
  create(input: NewLink): Promise<Link> {
    return withAppErrors('Adding a link', () =>
      inTransaction(this.db, async (trx) => {
        await assertExists(trx, input.from);
        await assertExists(trx, input.to);
        const row = await trx
          .insertInto('links')
          .values({
            agency_id: input.agencyId,
            from_kind: input.from.kind,
            from_id: input.from.id,
            to_kind: input.to.kind,
            to_id: input.to.id,
            relation: input.relation,
            created_by: input.createdBy ?? null,
            created_at: this.now(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toLink(row);
      }),
    );
  }

  /** This agency's links from a record (e.g. the series a victim appears in), optionally of one relation. */
  async listFrom(from: RecordRef, agencyId: number, relation?: string): Promise<Link[]> {
    let query = this.db
      .selectFrom('links')
      .selectAll()
      .where('from_kind', '=', from.kind)
      .where('from_id', '=', from.id)
      .where('agency_id', '=', agencyId);
    if (relation !== undefined) query = query.where('relation', '=', relation);
    return (await query.orderBy('id').execute()).map(toLink);
  }

  /** This agency's links to a record (e.g. the media of a series), optionally of one relation. */
  async listTo(to: RecordRef, agencyId: number, relation?: string): Promise<Link[]> {
    let query = this.db
      .selectFrom('links')
      .selectAll()
      .where('to_kind', '=', to.kind)
      .where('to_id', '=', to.id)
      .where('agency_id', '=', agencyId);
    if (relation !== undefined) query = query.where('relation', '=', relation);
    return (await query.orderBy('id').execute()).map(toLink);
  }

  async find(id: number, agencyId: number): Promise<Link | null> {
    const row = await this.db
      .selectFrom('links')
      .selectAll()
      .where('id', '=', id)
      .where('agency_id', '=', agencyId)
      .executeTakeFirst();
    return row ? toLink(row) : null;
  }

  /**
   * One page of this agency's links with the record at either end, oldest first, and how many in
   * all; with `kinds`, only links whose both ends are of those kinds; with `other`, only links
   * whose other end is of that kind (a series' victims, say, without its thousands of media).
   */
  async pageInvolving(
    ref: RecordRef,
    agencyId: number,
    page: { limit: number; offset: number; kinds?: readonly RecordKind[]; other?: RecordKind },
  ): Promise<{ items: Link[]; total: number }> {
    let query = this.db.selectFrom('links').where('agency_id', '=', agencyId);
    if (page.kinds) query = query.where('from_kind', 'in', [...page.kinds]).where('to_kind', 'in', [...page.kinds]);
    const other = page.other;
    query = query.where((eb) =>
      eb.or([
        eb.and([
          eb('from_kind', '=', ref.kind),
          eb('from_id', '=', ref.id),
          ...(other ? [eb('to_kind', '=', other)] : []),
        ]),
        eb.and([
          eb('to_kind', '=', ref.kind),
          eb('to_id', '=', ref.id),
          ...(other ? [eb('from_kind', '=', other)] : []),
        ]),
      ]),
    );
    const rows = await query.selectAll().orderBy('id').limit(page.limit).offset(page.offset).execute();
    const count = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return { items: rows.map(toLink), total: Number(count.n) };
  }

  /** Removes one of this agency's links; `not-found` when it has no such link. */
  async remove(id: number, agencyId: number): Promise<void> {
    const result = await this.db
      .deleteFrom('links')
      .where('id', '=', id)
      .where('agency_id', '=', agencyId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) {
      throw new AppError('not-found', `Removing link ${id}: there is no such link of this agency.`);
    }
  }
}
