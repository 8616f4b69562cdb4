/**
 * Series and the agencies they are shared with by name. I/O only: the service decides who may
 * create or re-share. Reads take the asking agency and apply the sharing rules inside the query
 * (visibility.ts); changes take the owner agency and touch only that agency's series.
 */
import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../domain/app-error.js';
import type { Series, SeriesStatus } from '../domain/series.record.js';
import type { SharingLevel } from '../domain/sharing.record.js';
import type { SeriesTable } from './records-schema.js';
import type { VigilSchema } from './schema.js';
import { withAppErrors } from './storage-errors.js';
import { inTransaction } from './transaction.js';
import { seriesVisibleTo } from './visibility.js';

export interface NewSeries {
  agencyId: number;
  reference: string;
  title: string;
  status?: SeriesStatus;
  /** Default `restricted`: nobody but the owner (and `sharedWith`) sees a new series. */
  sharing?: SharingLevel;
  /** Agencies named to see it whatever the level (the owner is left out). */
  sharedWith?: readonly number[];
  categoryValueId?: number | null;
}

/** A series' category as people read it: `uk_caid` / `A` / "Category A". */
export interface SeriesCategory {
  scheme: string;
  code: string;
  label: string;
}

/** What an owner may change on a series; absent fields stay as they are. */
export interface SeriesChanges {
  title?: string;
  status?: SeriesStatus;
  categoryValueId?: number | null;
}

/** Which of the visible series to list: all of them, the agency's own, or other agencies' shared with it. */
export interface SeriesFilter {
  whose?: 'all' | 'own' | 'shared';
  status?: SeriesStatus;
  limit: number;
  offset: number;
}

function toSeries(row: Selectable<SeriesTable>): Series {
  return {
    id: row.id,
    agencyId: row.agency_id,
    reference: row.reference,
    title: row.title,
    status: row.status as SeriesStatus,
    sharing: row.sharing as SharingLevel,
    categoryValueId: row.category_value_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class SeriesRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly now: () => number = Date.now,
  ) {}

  /** `conflict` when the agency already has a series with that reference; `not-found` without an agency. */
  create(input: NewSeries): Promise<Series> {
    return withAppErrors('Adding a series', () =>
      inTransaction(this.db, async (trx) => {
        const at = this.now();
        const row = await trx
          .insertInto('series')
          .values({
            agency_id: input.agencyId,
            reference: input.reference,
            title: input.title,
            status: input.status ?? 'open',
            sharing: input.sharing ?? 'restricted',
            category_value_id: input.categoryValueId ?? null,
            created_at: at,
            updated_at: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await insertShares(trx, row.id, row.agency_id, input.sharedWith ?? [], at);
        return toSeries(row);
      }),
    );
  }

  /** The series if this agency may see it; null when it does not exist or is not visible. */
  async findVisible(id: number, agencyId: number): Promise<Series | null> {
    const row = await this.db
      .selectFrom('series')
      .selectAll()
      .where('series.id', '=', id)
      .where(seriesVisibleTo(agencyId))
      .executeTakeFirst();
    return row ? toSeries(row) : null;
  }

  /** Every series this agency may see: its own, those shared with all, those shared with it. */
  async listVisible(agencyId: number): Promise<Series[]> {
    const rows = await this.db
      .selectFrom('series')
      .selectAll()
      .where(seriesVisibleTo(agencyId))
      .orderBy('series.id')
      .execute();
    return rows.map(toSeries);
  }

  /** One page of the series this agency may see, oldest first, with how many there are in all. */
  async pageVisible(agencyId: number, filter: SeriesFilter): Promise<{ items: Series[]; total: number }> {
    let query = this.db.selectFrom('series').where(seriesVisibleTo(agencyId));
    if (filter.whose === 'own') query = query.where('series.agency_id', '=', agencyId);
    if (filter.whose === 'shared') query = query.where('series.agency_id', '<>', agencyId);
    if (filter.status !== undefined) query = query.where('series.status', '=', filter.status);
    const rows = await query.selectAll().orderBy('series.id').limit(filter.limit).offset(filter.offset).execute();
    const count = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return { items: rows.map(toSeries), total: Number(count.n) };
  }

  /** Changes title, status or category; `not-found` unless the owner asks. */
  update(id: number, ownerAgencyId: number, changes: SeriesChanges): Promise<Series> {
    return withAppErrors('Changing a series', async () => {
      const row = await this.db
        .updateTable('series')
        .set({
          ...(changes.title === undefined ? {} : { title: changes.title }),
          ...(changes.status === undefined ? {} : { status: changes.status }),
          ...(changes.categoryValueId === undefined ? {} : { category_value_id: changes.categoryValueId }),
          updated_at: this.now(),
        })
        .where('id', '=', id)
        .where('agency_id', '=', ownerAgencyId)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw notOwned(id, 'Changing');
      return toSeries(row);
    });
  }

  async listOwned(agencyId: number): Promise<Series[]> {
    const rows = await this.db
      .selectFrom('series')
      .selectAll()
      .where('agency_id', '=', agencyId)
      .orderBy('id')
      .execute();
    return rows.map(toSeries);
  }

  /** Sets the level and replaces the named agencies; `not-found` unless the owner asks. */
  setSharing(id: number, ownerAgencyId: number, sharing: SharingLevel, sharedWith: readonly number[]): Promise<Series> {
    return withAppErrors('Sharing a series', () =>
      inTransaction(this.db, async (trx) => {
        const at = this.now();
        const row = await trx
          .updateTable('series')
          .set({ sharing, updated_at: at })
          .where('id', '=', id)
          .where('agency_id', '=', ownerAgencyId)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw notOwned(id, 'Sharing');
        await trx.deleteFrom('series_shares').where('series_id', '=', id).execute();
        await insertShares(trx, id, ownerAgencyId, sharedWith, at);
        return toSeries(row);
      }),
    );
  }

  /** `not-found` unless the owner asks. */
  async setStatus(id: number, ownerAgencyId: number, status: SeriesStatus): Promise<Series> {
    const row = await this.db
      .updateTable('series')
      .set({ status, updated_at: this.now() })
      .where('id', '=', id)
      .where('agency_id', '=', ownerAgencyId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notOwned(id, 'Changing the status of');
    return toSeries(row);
  }

  /** The owner agency of a series, or null when there is no such series (for the system's rules, not for display). */
  async ownerOf(id: number): Promise<number | null> {
    const row = await this.db.selectFrom('series').select('agency_id').where('id', '=', id).executeTakeFirst();
    return row?.agency_id ?? null;
  }

  /** Scheme code, value code and label of category values, by value id. */
  async categoryLabels(valueIds: readonly number[]): Promise<Map<number, SeriesCategory>> {
    const ids = [...new Set(valueIds)];
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('category_values')
      .innerJoin('category_schemes', 'category_schemes.id', 'category_values.scheme_id')
      .select([
        'category_values.id',
        'category_schemes.code as scheme',
        'category_values.code',
        'category_values.label',
      ])
      .where('category_values.id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, { scheme: r.scheme, code: r.code, label: r.label }]));
  }

  /** The agencies a series is shared with by name, by id. */
  async listShares(id: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('series_shares')
      .select('agency_id')
      .where('series_id', '=', id)
      .orderBy('agency_id')
      .execute();
    return rows.map((r) => r.agency_id);
  }
}

function notOwned(id: number, what: string): AppError {
  return new AppError('not-found', `${what} series ${id}: there is no such series of this agency.`);
}

async function insertShares(
  trx: Kysely<VigilSchema>,
  seriesId: number,
  ownerAgencyId: number,
  agencyIds: readonly number[],
  at: number,
): Promise<void> {
  const others = [...new Set(agencyIds)].filter((a) => a !== ownerAgencyId);
  if (others.length === 0) return;
  await trx
    .insertInto('series_shares')
    .values(others.map((agency_id) => ({ series_id: seriesId, agency_id, created_at: at })))
    .execute();
}
