/**
 * Alerts (issue #7): the rules that raise them and the agency's inbox.
 *
 * The rules run in the caller's transaction (pass `trx`), so an alert is kept exactly when the
 * change that raised it is, and each is raised once (an agency already alerted for the same
 * reason, record and match or victim is not alerted again):
 * - "your media matched another agency's series or hash set" is raised by ingest, in the stored
 *   file's transaction (jobs/ingest-alerts.ts); a pair the agency rejected must not raise it
 *   again (verdict.service.ts `isRejectedPair`).
 * - `matchConfirmed` (verdicts): the owners of the series either media belongs to learn that
 *   another agency confirmed a match to their series.
 * - `victimIdentified` (victims): the owner of each series the victim is linked to, and every
 *   agency holding media of it that may see the series, learn that a victim in the series was
 *   identified. Alerts carry ids only, never personal data.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { sharedRecordVisible } from '../access/policy.js';
import type { Agency } from '../domain/agency.record.js';
import type { Alert } from '../domain/alert.record.js';
import { AppError } from '../domain/app-error.js';
import type { Match } from '../domain/match.record.js';
import { AgencyRepository } from '../storage/agency.repository.js';
import { AlertRepository, type NewAlert } from '../storage/alert.repository.js';
import type { AuditRepository } from '../storage/audit.repository.js';
import type { VigilSchema } from '../storage/schema.js';
import { SeriesRepository } from '../storage/series.repository.js';
import { SeriesMemberRepository } from '../storage/series-member.repository.js';
import { auditChange, notVisible, type Page, type PageRequest, requireRole } from './record-access.js';

export interface AlertView extends Alert {
  /** The agency whose action raised it, named (null when none is recorded). */
  fromAgency: { id: number; countryCode: string; name: string } | null;
  /** One neutral sentence for the inbox. */
  message: string;
}

export class AlertService {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly audit: AuditRepository,
    private readonly now: () => number = Date.now,
  ) {}

  // ---- rules -------------------------------------------------------------------------------

  /** Rule 2, when `actor` confirmed `match`: alerts other agencies owning a series of either media. */
  async matchConfirmed(trx: Kysely<VigilSchema>, actor: Actor, match: Match): Promise<number> {
    if (match.verdict !== 'confirmed' || match.otherMediaId === null) return 0;
    const series = await this.foreignSeries(trx, [match.mediaId, match.otherMediaId], actor.agencyId);
    return this.raise(
      trx,
      series.map((s) => ({
        agencyId: s.seriesAgencyId,
        about: { kind: 'series' as const, id: s.seriesId },
        reason: 'match_confirmed' as const,
        matchId: match.id,
        fromAgencyId: actor.agencyId,
      })),
    );
  }

  /** Rule 3, when `actor` recorded a victim as identified: alerts owners and holders of its series. */
  async victimIdentified(
    trx: Kysely<VigilSchema>,
    actor: Actor,
    victimId: number,
    seriesIds: readonly number[],
  ): Promise<number> {
    const members = new SeriesMemberRepository(trx, this.now);
    const alerts: NewAlert[] = [];
    for (const seriesId of seriesIds) {
      const owner = await new SeriesRepository(trx, this.now).ownerOf(seriesId);
      const scope = owner === null ? null : await this.scopeOf(trx, seriesId, owner);
      if (!scope) continue;
      const holders = (await members.holders(seriesId)).filter((a) => sharedRecordVisible(scope, a));
      const recipients = new Set([scope.ownerAgencyId, ...holders]);
      recipients.delete(actor.agencyId);
      for (const agencyId of [...recipients].sort((a, b) => a - b)) {
        alerts.push({
          agencyId,
          about: { kind: 'series', id: seriesId },
          reason: 'victim_identified',
          victimId,
          fromAgencyId: actor.agencyId,
        });
      }
    }
    return this.raise(trx, alerts);
  }

  // ---- inbox -------------------------------------------------------------------------------

  /** The agency's alerts, unread first, then newest first. */
  async list(
    actor: Actor,
    filter: PageRequest & { unreadOnly?: boolean },
  ): Promise<Page<AlertView> & { unread: number }> {
    requireRole(actor, 'read', 'alert');
    const repo = this.alerts(this.db);
    const items = await repo.page(actor.agencyId, filter);
    const unread = await repo.countUnread(actor.agencyId);
    const total = filter.unreadOnly ? unread : await repo.count(actor.agencyId);
    return { items: await this.views(items), total, unread };
  }

  async unreadCount(actor: Actor): Promise<number> {
    requireRole(actor, 'read', 'alert');
    return this.alerts(this.db).countUnread(actor.agencyId);
  }

  /** Marks one of the agency's alerts read (the first reader is kept); `not-found` for any other. */
  async markRead(actor: Actor, id: number): Promise<AlertView> {
    requireRole(actor, 'write', 'alert');
    if (actor.userId === null) throw notVisible('alert', id);
    const userId = actor.userId;
    const alert = await this.db.transaction().execute(async (trx) => {
      const read = await this.alerts(trx)
        .markRead(id, actor.agencyId, userId, this.now())
        .catch((err: unknown) => {
          throw AppError.is(err, 'not-found') ? notVisible('alert', id) : err;
        });
      await auditChange(trx, this.audit, actor, 'mark-read', { kind: 'alert', id, agencyId: actor.agencyId });
      return read;
    });
    const [view] = await this.views([alert]);
    return view as AlertView;
  }

  // ---- helpers -----------------------------------------------------------------------------

  private async raise(trx: Kysely<VigilSchema>, alerts: readonly NewAlert[]): Promise<number> {
    const repo = this.alerts(trx);
    let raised = 0;
    for (const alert of alerts) {
      if (await repo.exists(alert)) continue;
      await repo.create(alert);
      raised++;
    }
    return raised;
  }

  /** Series of these media owned by agencies other than `agencyId`, each once. */
  private async foreignSeries(trx: Kysely<VigilSchema>, mediaIds: number[], agencyId: number) {
    const all = await new SeriesMemberRepository(trx, this.now).seriesOf(mediaIds);
    const seen = new Set<number>();
    return all.filter((m) => m.seriesAgencyId !== agencyId && !seen.has(m.seriesId) && seen.add(m.seriesId));
  }

  /** A series' sharing as the policy reads it (read as its owner, who always sees it). */
  private async scopeOf(trx: Kysely<VigilSchema>, seriesId: number, ownerAgencyId: number) {
    const repo = new SeriesRepository(trx, this.now);
    const series = await repo.findVisible(seriesId, ownerAgencyId);
    if (!series) return null;
    return { ownerAgencyId, sharing: series.sharing, sharedWith: await repo.listShares(seriesId) };
  }

  private async views(alerts: Alert[]): Promise<AlertView[]> {
    const agencies = new AgencyRepository(this.db);
    const named = new Map<number, Agency | null>();
    for (const id of new Set(alerts.map((a) => a.fromAgencyId).filter((a): a is number => a !== null))) {
      named.set(id, await agencies.findById(id));
    }
    return alerts.map((a) => {
      const from = a.fromAgencyId === null ? null : (named.get(a.fromAgencyId) ?? null);
      const fromAgency = from ? { id: from.id, countryCode: from.countryCode, name: from.name } : null;
      return { ...a, fromAgency, message: messageOf(a, fromAgency?.name ?? 'another agency') };
    });
  }

  private alerts(db: Kysely<VigilSchema>): AlertRepository {
    return new AlertRepository(db, this.now);
  }
}

/** One neutral sentence per reason, true whichever side of a match the agency is on. */
function messageOf(alert: Alert, from: string): string {
  const about = `${alert.about.kind === 'hash_set' ? 'hash set' : alert.about.kind} ${alert.about.id}`;
  switch (alert.reason) {
    case 'series_match':
      return `Material of this agency matched a series; the match involves ${about} and ${from}.`;
    case 'hash_set_match':
      return `Material of this agency matched a hash set; the match involves ${about} and ${from}.`;
    case 'camera_serial':
      return `Media held by this agency share a camera serial number with ${about}.`;
    case 'match_confirmed':
      return `${from} confirmed a match to ${about} of this agency.`;
    case 'victim_identified':
      return `A victim in ${about} was recorded as identified by ${from}.`;
    case 'series_found_elsewhere':
      return `Material of ${about}, held by this agency, turned up in an upload by ${from}.`;
    case 'hash_set_found_elsewhere':
      return `An entry of ${about}, held by this agency, matched material uploaded by ${from}.`;
    default:
      return `Alert (${(alert.reason as string).replaceAll('_', ' ')}) about ${about}, involving ${from}.`;
  }
}
