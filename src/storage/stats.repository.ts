/**
 * Counts for the hub's statistics: an agency's media, series, victims and offenders by year and by
 * month, its jobs in progress, and installation-wide totals. Years and months are UTC calendar
 * ones of the millisecond times. I/O only.
 */
import { type Expression, type Kysely, type RawBuilder, sql } from 'kysely';
import type { DialectName } from './dialect-name.js';
import type { VigilSchema } from './schema.js';

export interface YearCount {
  year: number;
  count: number;
}

/** The UTC year of a millisecond time column, as an integer. */
function yearOf(dialect: DialectName, column: Expression<unknown>): RawBuilder<number> {
  return dialect === 'postgres'
    ? sql<number>`cast(extract(year from (to_timestamp(${column} / 1000.0) at time zone 'UTC')) as integer)`
    : sql<number>`cast(strftime('%Y', ${column} / 1000, 'unixepoch') as integer)`;
}

/** The UTC month of a millisecond time column, as `YYYY-MM`. */
function monthOf(dialect: DialectName, column: Expression<unknown>): RawBuilder<string> {
  return dialect === 'postgres'
    ? sql<string>`to_char(to_timestamp(${column} / 1000.0) at time zone 'UTC', 'YYYY-MM')`
    : sql<string>`strftime('%Y-%m', ${column} / 1000, 'unixepoch')`;
}

/** The four counts the hub gives per agency and per year. */
export interface HubCounts {
  media: number;
  series: number;
  victimsIdentified: number;
  offendersIdentified: number;
}

export interface AgencyCounts extends HubCounts {
  agencyId: number;
  name: string;
}

export interface YearCounts extends HubCounts {
  year: number;
}

/** Counts by `YYYY-MM` month. */
export type MonthCounts = Map<string, number>;

function months(rows: readonly { month: unknown; n: unknown }[]): MonthCounts {
  return new Map(rows.map((r) => [String(r.month), Number(r.n)]));
}

function years(rows: readonly { year: unknown; n: unknown }[]): YearCount[] {
  return rows.map((r) => ({ year: Number(r.year), count: Number(r.n) })).sort((a, b) => a.year - b.year);
}

export class StatsRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly dialect: DialectName,
  ) {}

  /** Each media the agency has sighted with its first sighting (`held.first_seen`), as a subquery. */
  private firstSightings(agencyId: number) {
    return this.db
      .selectFrom('sightings')
      .select(['media_id', (eb) => eb.fn.min('seen_at').as('first_seen')])
      .where('agency_id', '=', agencyId)
      .groupBy('media_id')
      .as('held');
  }

  /** Distinct media the agency has sighted, by the year it first sighted each. */
  async heldMediaByYear(agencyId: number): Promise<YearCount[]> {
    const first = this.firstSightings(agencyId);
    const year = yearOf(this.dialect, sql.ref('held.first_seen'));
    const rows = await this.db
      .selectFrom(first)
      .select([year.as('year'), (eb) => eb.fn.countAll().as('n')])
      .groupBy(year)
      .execute();
    return years(rows);
  }

  /** The agency's own series, by the year each was recorded. */
  async seriesByYear(agencyId: number): Promise<YearCount[]> {
    const year = yearOf(this.dialect, sql.ref('created_at'));
    const rows = await this.db
      .selectFrom('series')
      .select([year.as('year'), (eb) => eb.fn.countAll().as('n')])
      .where('agency_id', '=', agencyId)
      .groupBy(year)
      .execute();
    return years(rows);
  }

  /** The agency's victim (offender) records: how many, and the identified ones by year of identification. */
  async people(
    table: 'victims' | 'offenders',
    agencyId: number,
  ): Promise<{ total: number; identifiedByYear: YearCount[] }> {
    const total = await this.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .where('agency_id', '=', agencyId)
      .executeTakeFirstOrThrow();
    const year = yearOf(this.dialect, sql.ref('identified_at'));
    const rows = await this.db
      .selectFrom(table)
      .select([year.as('year'), (eb) => eb.fn.countAll().as('n')])
      .where('agency_id', '=', agencyId)
      .where('identified_at', 'is not', null)
      .groupBy(year)
      .execute();
    return { total: Number(total.n), identifiedByYear: years(rows) };
  }

  /**
   * The agency's figures by UTC month from `since` (ms): media by first sighting, series recorded,
   * victims and offenders identified.
   */
  async byMonth(
    agencyId: number,
    since: number,
  ): Promise<Record<'media' | 'series' | 'victims' | 'offenders', MonthCounts>> {
    const first = this.firstSightings(agencyId);
    const heldMonth = monthOf(this.dialect, sql.ref('held.first_seen'));
    const media = await this.db
      .selectFrom(first)
      .select([heldMonth.as('month'), (eb) => eb.fn.countAll().as('n')])
      .where(sql.ref('held.first_seen'), '>=', since)
      .groupBy(heldMonth)
      .execute();
    const createdMonth = monthOf(this.dialect, sql.ref('created_at'));
    const series = await this.db
      .selectFrom('series')
      .select([createdMonth.as('month'), (eb) => eb.fn.countAll().as('n')])
      .where('agency_id', '=', agencyId)
      .where('created_at', '>=', since)
      .groupBy(createdMonth)
      .execute();
    const identified = (table: 'victims' | 'offenders') => {
      const month = monthOf(this.dialect, sql.ref('identified_at'));
      return this.db
        .selectFrom(table)
        .select([month.as('month'), (eb) => eb.fn.countAll().as('n')])
        .where('agency_id', '=', agencyId)
        .where('identified_at', '>=', since)
        .groupBy(month)
        .execute();
    };
    return {
      media: months(media),
      series: months(series),
      victims: months(await identified('victims')),
      offenders: months(await identified('offenders')),
    };
  }

  /** The agency's ingest jobs waiting and running now. */
  async jobs(agencyId: number): Promise<{ queued: number; running: number }> {
    const rows = await this.db
      .selectFrom('jobs')
      .select(['status', (eb) => eb.fn.countAll().as('n')])
      .where('agency_id', '=', agencyId)
      .where('status', 'in', ['queued', 'running'])
      .groupBy('status')
      .execute();
    const of = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
    return { queued: of('queued'), running: of('running') };
  }

  /**
   * Each agency's contribution, counts only: distinct media it has sighted, series it owns,
   * victims and offenders it has identified (in its own records). Every agency is listed, with
   * zeros where it has nothing.
   */
  async byAgency(): Promise<AgencyCounts[]> {
    const agencies = await this.db.selectFrom('agencies').select(['id', 'name']).orderBy('name').execute();
    const held = await this.db
      .selectFrom('sightings')
      .select(['agency_id', (eb) => eb.fn.count('media_id').distinct().as('n')])
      .groupBy('agency_id')
      .execute();
    const series = await this.db
      .selectFrom('series')
      .select(['agency_id', (eb) => eb.fn.countAll().as('n')])
      .groupBy('agency_id')
      .execute();
    const identified = (table: 'victims' | 'offenders') =>
      this.db
        .selectFrom(table)
        .select(['agency_id', (eb) => eb.fn.countAll().as('n')])
        .where('identified_at', 'is not', null)
        .groupBy('agency_id')
        .execute();
    const victims = await identified('victims');
    const offenders = await identified('offenders');
    const of = (rows: readonly { agency_id: unknown; n: unknown }[]) =>
      new Map(rows.map((r) => [Number(r.agency_id), Number(r.n)]));
    const [h, s, v, o] = [of(held), of(series), of(victims), of(offenders)];
    return agencies.map((a) => ({
      agencyId: a.id,
      name: a.name,
      media: h.get(a.id) ?? 0,
      series: s.get(a.id) ?? 0,
      victimsIdentified: v.get(a.id) ?? 0,
      offendersIdentified: o.get(a.id) ?? 0,
    }));
  }

  /**
   * The whole hub by UTC year: media by when first stored, series by when recorded, victims and
   * offenders by when identified. Years with nothing are left out.
   */
  async hubByYear(): Promise<YearCounts[]> {
    const count = async (
      table: 'media' | 'series' | 'victims' | 'offenders',
      column: 'created_at' | 'identified_at',
    ) => {
      const year = yearOf(this.dialect, sql.ref(column));
      const rows = await this.db
        .selectFrom(table)
        .select([year.as('year'), (eb) => eb.fn.countAll().as('n')])
        .where(sql.ref(column), 'is not', null)
        .groupBy(year)
        .execute();
      return new Map(rows.map((r) => [Number(r.year), Number(r.n)]));
    };
    const media = await count('media', 'created_at');
    const series = await count('series', 'created_at');
    const victims = await count('victims', 'identified_at');
    const offenders = await count('offenders', 'identified_at');
    const all = [...new Set([...media.keys(), ...series.keys(), ...victims.keys(), ...offenders.keys()])];
    return all
      .sort((a, b) => a - b)
      .map((year) => ({
        year,
        media: media.get(year) ?? 0,
        series: series.get(year) ?? 0,
        victimsIdentified: victims.get(year) ?? 0,
        offendersIdentified: offenders.get(year) ?? 0,
      }));
  }

  /** Installation-wide totals. */
  async totals(): Promise<{
    agencies: number;
    media: number;
    series: number;
    victimsIdentified: number;
    offendersIdentified: number;
  }> {
    const count = async (table: 'agencies' | 'media' | 'series') =>
      Number(
        (
          await this.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const identified = async (table: 'victims' | 'offenders') =>
      Number(
        (
          await this.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('identified_at', 'is not', null)
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      agencies: await count('agencies'),
      media: await count('media'),
      series: await count('series'),
      victimsIdentified: await identified('victims'),
      offendersIdentified: await identified('offenders'),
    };
  }
}
