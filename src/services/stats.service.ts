/**
 * The hub's statistics, counts only. What a caller sees (gated on RULES 'series' read: viewers,
 * analysts and admins, the people who read casework; auditors and partners do not):
 * - its own agency's figures in full, by UTC year and for each of the last 12 months, and its
 *   ingest jobs queued and running: media it holds (distinct media sighted in its
 *   exhibits, by the year of its first sighting), series it owns (by year recorded), its victim
 *   and offender records (how many, and the identified ones by year of identification);
 * - installation-wide totals as plain numbers (agencies, media, series, identified victims and
 *   offenders), never broken down by agency or year, so no other agency's activity can be read
 *   from them.
 */
import type { Actor } from '../access/access-record.js';
import type { VigilDatabase } from '../storage/database.js';
import { StatsRepository, type YearCount } from '../storage/stats.repository.js';

export interface Tally {
  total: number;
  byYear: YearCount[];
}

export interface PeopleTally {
  records: number;
  identified: number;
  identifiedByYear: YearCount[];
}

export interface HubStats {
  generatedAt: number;
  recent: {
    months: string[];
    media: number[];
    series: number[];
    victimsIdentified: number[];
    offendersIdentified: number[];
  };
  jobs: { queued: number; running: number };
  agency: { id: number; media: Tally; series: Tally; victims: PeopleTally; offenders: PeopleTally };
  installation: {
    agencies: number;
    media: number;
    series: number;
    victimsIdentified: number;
    offendersIdentified: number;
  };
}

/** The last `count` UTC months up to the one holding `now`, oldest first, and the first one's start (ms). */
export function lastMonths(now: number, count = 12): { months: string[]; since: number } {
  const d = new Date(now);
  const months: string[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1));
    months.push(`${m.getUTCFullYear()}-${String(m.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return { months, since: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (count - 1), 1) };
}

const tally = (byYear: YearCount[]): Tally => ({ total: byYear.reduce((n, y) => n + y.count, 0), byYear });

export class StatsService {
  private readonly stats: StatsRepository;

  constructor(
    database: VigilDatabase,
    private readonly now: () => number = Date.now,
  ) {
    this.stats = new StatsRepository(database.db, database.dialect);
  }

  async get(actor: Actor): Promise<HubStats> {
    const me = actor.agencyId;
    const people = async (table: 'victims' | 'offenders'): Promise<PeopleTally> => {
      const found = await this.stats.people(table, me);
      return {
        records: found.total,
        identified: tally(found.identifiedByYear).total,
        identifiedByYear: found.identifiedByYear,
      };
    };
    const now = this.now();
    const { months, since } = lastMonths(now);
    const monthly = await this.stats.byMonth(me, since);
    const per = (counts: Map<string, number>) => months.map((m) => counts.get(m) ?? 0);
    return {
      generatedAt: now,
      recent: {
        months,
        media: per(monthly.media),
        series: per(monthly.series),
        victimsIdentified: per(monthly.victims),
        offendersIdentified: per(monthly.offenders),
      },
      jobs: await this.stats.jobs(me),
      agency: {
        id: me,
        media: tally(await this.stats.heldMediaByYear(me)),
        series: tally(await this.stats.seriesByYear(me)),
        victims: await people('victims'),
        offenders: await people('offenders'),
      },
      installation: await this.stats.totals(),
    };
  }
}
