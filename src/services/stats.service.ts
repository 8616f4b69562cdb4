/**
 * The hub's statistics, counts only. What a caller sees (gated on RULES 'series' read: viewers,
 * analysts and admins, the people who read casework; auditors and partners do not):
 * - its own agency's figures in full, by UTC year: media it holds (distinct media sighted in its
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
  agency: { id: number; media: Tally; series: Tally; victims: PeopleTally; offenders: PeopleTally };
  installation: {
    agencies: number;
    media: number;
    series: number;
    victimsIdentified: number;
    offendersIdentified: number;
  };
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
    return {
      generatedAt: this.now(),
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
