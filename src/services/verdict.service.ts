/**
 * Matches and the verdicts people give them (issue #7). An agency reviews its own matches; a
 * verdict names its reason and is audited. The verdicts feed back:
 * - a confirmed match to another agency's series tells that agency (alert rule 2);
 * - a rejected pair never alerts again: `isRejectedPair` answers, for any kind of match and in
 *   either direction, whether the agency rejected a pair, and ingest and lookups must ask it
 *   before raising an alert; rejecting also marks read the agency's alerts the match raised.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { AppError } from '../domain/app-error.js';
import type { Match, MatchTarget, Verdict } from '../domain/match.record.js';
import type { Series } from '../domain/series.record.js';
import { AlertRepository } from '../storage/alert.repository.js';
import type { AuditRepository } from '../storage/audit.repository.js';
import type { DialectName } from '../storage/dialect-name.js';
import { MatchRepository, rejectedPartners } from '../storage/match.repository.js';
import type { VigilSchema } from '../storage/schema.js';
import { SeriesRepository } from '../storage/series.repository.js';
import { SeriesMemberRepository } from '../storage/series-member.repository.js';
import type { AlertService } from './alert.service.js';
import { auditChange, notVisible, type Page, type PageRequest, requireRole } from './record-access.js';

/** A series as a match review shows it: enough to recognise it, only when the caller may see it. */
export interface SeriesBrief {
  id: number;
  agencyId: number;
  reference: string;
  title: string;
}

export interface MatchView extends Match {
  /** Series the other media belongs to that the caller may see. */
  series: SeriesBrief[];
}

export interface VerdictInput {
  verdict: 'confirmed' | 'rejected';
  /** Required for a rejection (it silences the pair for good). */
  reason?: string;
  /** The verdict the reviewer saw; a change made meanwhile answers `conflict`. */
  currentVerdict?: Verdict;
}

/**
 * Whether `agencyId` rejected a match between `mediaId` and `target` (another media, in either
 * direction, or a hash-set entry), of any kind. Runs on `db`, which may be the caller's
 * transaction. Ingest and lookups ask this (or `rejectedPartners`, for all of a media's partners
 * at once) before raising "your media matched" alerts.
 */
export async function isRejectedPair(
  db: Kysely<VigilSchema>,
  agencyId: number,
  mediaId: number,
  target: MatchTarget,
): Promise<boolean> {
  const rejected = await rejectedPartners(db, agencyId, mediaId);
  return target.otherMediaId != null
    ? rejected.media.has(target.otherMediaId)
    : rejected.entries.has(target.hashSetEntryId);
}

export { rejectedPartners };

export class VerdictService {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly dialect: DialectName,
    private readonly audit: AuditRepository,
    private readonly alerts: AlertService,
    private readonly now: () => number = Date.now,
  ) {}

  /** See the function of the same name; on this service's database unless given a transaction. */
  isRejectedPair(agencyId: number, mediaId: number, target: MatchTarget, trx?: Kysely<VigilSchema>): Promise<boolean> {
    return isRejectedPair(trx ?? this.db, agencyId, mediaId, target);
  }

  /** The agency's matches; with `seriesId`, those with a member of that series (one it may see) on either side. */
  async list(actor: Actor, filter: PageRequest & { verdict?: Verdict; seriesId?: number }): Promise<Page<MatchView>> {
    requireRole(actor, 'read', 'match');
    if (
      filter.seriesId !== undefined &&
      !(await new SeriesRepository(this.db).findVisible(filter.seriesId, actor.agencyId))
    ) {
      throw notVisible('series', filter.seriesId);
    }
    const page = await this.matches(this.db).page(actor.agencyId, filter);
    return { items: await this.views(actor, page.items), total: page.total };
  }

  async get(actor: Actor, id: number): Promise<MatchView> {
    requireRole(actor, 'read', 'match');
    const match = await this.matches(this.db).find(id, actor.agencyId);
    if (!match) throw notVisible('match', id);
    const [view] = await this.views(actor, [match]);
    return view as MatchView;
  }

  async decide(actor: Actor, id: number, input: VerdictInput): Promise<MatchView> {
    requireRole(actor, 'write', 'match');
    if (actor.userId === null) throw new AppError('forbidden', 'A verdict is given by a person, not a key.');
    const userId = actor.userId;
    const reason = input.reason?.trim() || null;
    if (input.verdict === 'rejected' && !reason) {
      throw new AppError('bad-usage', 'Say why the match is rejected: a rejected pair is never raised again.');
    }
    const current = await this.matches(this.db).find(id, actor.agencyId);
    if (!current) throw notVisible('match', id);
    if (input.currentVerdict === undefined && current.verdict === input.verdict) return this.get(actor, id);
    const decided = await this.db.transaction().execute(async (trx) => {
      const match = await this.matches(trx).setVerdict(id, actor.agencyId, {
        from: input.currentVerdict ?? current.verdict,
        to: input.verdict,
        userId,
        at: this.now(),
        reason,
      });
      await auditChange(
        trx,
        this.audit,
        actor,
        'verdict',
        { kind: 'match', id, agencyId: actor.agencyId },
        {
          verdict: match.verdict,
          previous: input.currentVerdict ?? current.verdict,
        },
      );
      if (match.verdict === 'confirmed') await this.alerts.matchConfirmed(trx, actor, match);
      if (match.verdict === 'rejected') {
        await new AlertRepository(trx, this.now).markReadForMatch(actor.agencyId, id, userId, this.now());
      }
      return match;
    });
    const [view] = await this.views(actor, [decided]);
    return view as MatchView;
  }

  private async views(actor: Actor, matches: Match[]): Promise<MatchView[]> {
    const others = matches.map((m) => m.otherMediaId).filter((m): m is number => m !== null);
    const memberships = await new SeriesMemberRepository(this.db, this.now).seriesOf(others);
    const seriesRepo = new SeriesRepository(this.db, this.now);
    const visible = new Map<number, Series | null>();
    for (const m of memberships) {
      if (!visible.has(m.seriesId)) visible.set(m.seriesId, await seriesRepo.findVisible(m.seriesId, actor.agencyId));
    }
    return matches.map((match) => {
      const series: SeriesBrief[] = [];
      for (const m of memberships) {
        const s = m.mediaId === match.otherMediaId ? visible.get(m.seriesId) : null;
        if (s) series.push({ id: s.id, agencyId: s.agencyId, reference: s.reference, title: s.title });
      }
      return { ...match, series };
    });
  }

  private matches(db: Kysely<VigilSchema>): MatchRepository {
    return new MatchRepository(db, this.dialect, this.now);
  }
}
