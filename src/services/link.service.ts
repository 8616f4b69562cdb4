/**
 * Links between records (issue #7): a media in a series, a victim or offender in a series, a
 * series, media or clue at a place, … as link-rules.ts allows. A link belongs to the agency that
 * made it. Both ends must be records the caller may see (else `not-found`); making a media a
 * `member` of a series changes who sees the media, so only the series' agency may do it.
 * Linking an identified victim to a series tells that series' agencies (alert rule 3).
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { roleGrants } from '../access/policy-rules.js';
import { type Link, RECORD_KINDS, type RecordKind, type RecordRef } from '../domain/link.record.js';
import type { AuditRepository } from '../storage/audit.repository.js';
import { LinkRepository } from '../storage/link.repository.js';
import { PersonRepository } from '../storage/person.repository.js';
import type { VigilSchema } from '../storage/schema.js';
import type { AlertService } from './alert.service.js';
import { MEMBER_RELATION, planLink } from './link-rules.js';
import {
  auditChange,
  notVisible,
  type Page,
  type PageRequest,
  requireOwner,
  requireRole,
  visibleRecord,
} from './record-access.js';

export class LinkService {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly audit: AuditRepository,
    private readonly alerts: AlertService,
    private readonly now: () => number = Date.now,
  ) {}

  async create(actor: Actor, a: RecordRef, b: RecordRef, relation?: string): Promise<Link> {
    requireRole(actor, 'write', 'link');
    const plan = planLink(a, b, relation);
    for (const end of [plan.from, plan.to]) {
      requireRole(actor, 'read', end.kind);
      const found = await visibleRecord(this.db, actor, end);
      if (!found) throw notVisible(end.kind, end.id);
      if (plan.relation === MEMBER_RELATION && end.kind === 'series') {
        requireOwner(actor, 'series', { id: end.id, agencyId: found.agencyId ?? 0 });
      }
    }
    return this.db.transaction().execute(async (trx) => {
      const link = await new LinkRepository(trx, this.now).create({
        agencyId: actor.agencyId,
        ...plan,
        createdBy: actor.userId,
      });
      await auditChange(
        trx,
        this.audit,
        actor,
        'create',
        { kind: 'link', id: link.id, agencyId: actor.agencyId },
        {
          from: `${plan.from.kind}:${plan.from.id}`,
          to: `${plan.to.kind}:${plan.to.id}`,
          relation: plan.relation,
        },
      );
      if (plan.from.kind === 'series' && plan.to.kind === 'victim') {
        const victim = await new PersonRepository(trx, this.now).find('victim', plan.to.id, actor.agencyId);
        if (victim?.identifiedAt != null) {
          await this.alerts.victimIdentified(trx, actor, victim.id, [plan.from.id]);
        }
      }
      return link;
    });
  }

  async remove(actor: Actor, id: number): Promise<void> {
    requireRole(actor, 'write', 'link');
    await this.db.transaction().execute(async (trx) => {
      const links = new LinkRepository(trx, this.now);
      const link = await links.find(id, actor.agencyId);
      if (!link) throw notVisible('link', id);
      await links.remove(id, actor.agencyId);
      await auditChange(
        trx,
        this.audit,
        actor,
        'delete',
        { kind: 'link', id, agencyId: actor.agencyId },
        {
          from: `${link.from.kind}:${link.from.id}`,
          to: `${link.to.kind}:${link.to.id}`,
          relation: link.relation,
        },
      );
    });
  }

  /**
   * The caller's agency's links with `record` at either end. Links to kinds the caller's role may
   * not read (a victim, for a viewer) are left out of the page.
   */
  /** This agency's links of a record; with `other`, only those to records of that kind. */
  async list(actor: Actor, record: RecordRef, page: PageRequest & { other?: RecordKind }): Promise<Page<Link>> {
    requireRole(actor, 'read', 'link');
    requireRole(actor, 'read', record.kind);
    if (!(await visibleRecord(this.db, actor, record))) throw notVisible(record.kind, record.id);
    const kinds = RECORD_KINDS.filter((kind) => roleGrants(actor.roles, 'read', kind) !== null);
    return new LinkRepository(this.db, this.now).pageInvolving(record, actor.agencyId, { ...page, kinds });
  }
}
