/**
 * Counts for the hub's statistics: an agency's media, series, victims and offenders by year, and
 * installation-wide totals. Years are UTC calendar years of the millisecond times. I/O only.
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

function years(rows: readonly { year: unknown; n: unknown }[]): YearCount[] {
  return rows.map((r) => ({ year: Number(r.year), count: Number(r.n) })).sort((a, b) => a.year - b.year);
}

export class StatsRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly dialect: DialectName,
  ) {}

  /** Distinct media the agency has sighted, by the year it first sighted each. */
  async heldMediaByYear(agencyId: number): Promise<YearCount[]> {
    const first = this.db
      .selectFrom('sightings')
      .select(['media_id', (eb) => eb.fn.min('seen_at').as('first_seen')])
      .where('agency_id', '=', agencyId)
      .groupBy('media_id')
      .as('held');
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
