/**
 * The hub's statistics, counts only. What a caller sees (gated on RULES 'series' read: viewers,
 * analysts and admins, the people who read casework; auditors and partners do not):
 * - its own agency's figures in full, by UTC year and for each of the last 12 months, and its
 *   ingest jobs queued and running: media it holds (distinct media sighted in its
 *   exhibits, by the year of its first sighting), series it owns (by year recorded), its victim
 *   and offender records (how many, and the identified ones by year of identification);
 * - the whole hub: totals (agencies, media, series, identified victims and offenders), the same
 *   by UTC year, and each agency's contribution (media it holds, series it owns, victims and
 *   offenders it identified) — counts only, by year at the finest for the hub and never by month
 *   for another agency, so no one's current operation shows in them. Issue #7 asks for figures
 *   "by agency and by year"; this is that, at the coarsest grain that answers it. The hub part is
 *   computed at most once a minute (HUB_TTL_MS): it scans every agency's sightings.
 */
import type { Actor } from '../access/access-record.js';
import type { VigilDatabase } from '../storage/database.js';
import { type AgencyCounts, StatsRepository, type YearCount, type YearCounts } from '../storage/stats.repository.js';

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
    byYear: YearCounts[];
    byAgency: AgencyCounts[];
  };
}

/** How long the hub-wide part is reused before it is counted again. */
export const HUB_TTL_MS = 60_000;

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
  private hub?: { at: number; figures: Promise<HubStats['installation']> };

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
    const out: HubStats = {
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
      installation: await this.installation(now),
    };
    // The hub part may be a minute old; the reader's own row is always as fresh as its tiles.
    const fresh = {
      media: out.agency.media.total,
      series: out.agency.series.total,
      victimsIdentified: out.agency.victims.identified,
      offendersIdentified: out.agency.offenders.identified,
    };
    out.installation = {
      ...out.installation,
      byAgency: out.installation.byAgency.map((r) => (r.agencyId === me ? { ...r, ...fresh } : r)),
    };
    return out;
  }

  /** The hub-wide figures, counted again when older than HUB_TTL_MS (a failed count is not kept). */
  private installation(now: number): Promise<HubStats['installation']> {
    if (this.hub && now - this.hub.at < HUB_TTL_MS) return this.hub.figures;
    const figures = (async () => ({
      ...(await this.stats.totals()),
      byYear: await this.stats.hubByYear(),
      byAgency: await this.stats.byAgency(),
    }))();
    const entry = { at: now, figures };
    this.hub = entry;
    figures.catch(() => {
      if (this.hub === entry) this.hub = undefined;
    });
    return figures;
  }
}
