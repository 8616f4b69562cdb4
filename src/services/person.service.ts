/**
 * Victims and offenders (DESIGN.md §2): minimal person records kept by their own agency and read
 * only by its analysts and admins (RULES). Every read is audited in the transaction of the read,
 * a list as much as one record. Marking a victim identified (by which agency, when) alerts the
 * agencies of the series it is linked to (alert.service.ts, rule 3), ids only.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { readAudited } from '../access/audited-read.js';
import { AppError } from '../domain/app-error.js';
import type { Person, PersonKind } from '../domain/person.record.js';
import { AgencyRepository } from '../storage/agency.repository.js';
import type { AuditRepository } from '../storage/audit.repository.js';
import { LinkRepository } from '../storage/link.repository.js';
import { PersonRepository } from '../storage/person.repository.js';
import type { VigilSchema } from '../storage/schema.js';
import { SeriesRepository } from '../storage/series.repository.js';
import type { AlertService } from './alert.service.js';
import { personRelation } from './link-rules.js';
import { auditChange, auditViews, notVisible, type Page, type PageRequest, requireRole } from './record-access.js';

export interface PersonView extends Person {
  /** Series the person is linked to. */
  seriesIds: number[];
}

/** Who identified the person and when; both default to the caller's agency and now. */
export interface IdentifiedInput {
  byAgencyId?: number;
  at?: number;
}

export interface NewPersonInput {
  reference: string;
  seriesIds?: number[];
  identified?: IdentifiedInput;
}

export interface PersonPatch {
  reference?: string;
  /** null: not identified after all (a correction). */
  identified?: IdentifiedInput | null;
}

/** Clock skew tolerated on an identification time given by a client. */
const FUTURE_SLACK_MS = 5 * 60_000;

export class PersonService {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly audit: AuditRepository,
    private readonly alerts: AlertService,
    private readonly now: () => number = Date.now,
  ) {}

  async list(
    actor: Actor,
    kind: PersonKind,
    filter: PageRequest & { identified?: boolean },
  ): Promise<Page<PersonView>> {
    requireRole(actor, 'read', kind);
    return this.db.transaction().execute(async (trx) => {
      const page = await new PersonRepository(trx, this.now).page(kind, actor.agencyId, filter);
      await auditViews(trx, this.audit, actor, kind, page.items);
      return { items: await this.withSeries(trx, page.items), total: page.total };
    });
  }

  async get(actor: Actor, kind: PersonKind, id: number): Promise<PersonView> {
    requireRole(actor, 'read', kind);
    const found = await readAudited(this.db, this.audit, actor, kind, async (trx) => {
      const person = await new PersonRepository(trx, this.now).find(kind, id, actor.agencyId);
      if (!person) return null;
      const [view] = await this.withSeries(trx, [person]);
      return { value: view as PersonView, id, agencyId: person.agencyId };
    });
    if (!found) throw notVisible(kind, id);
    return found;
  }

  async create(actor: Actor, kind: PersonKind, input: NewPersonInput): Promise<PersonView> {
    requireRole(actor, 'write', kind);
    const seriesIds = [...new Set(input.seriesIds ?? [])];
    for (const s of seriesIds) await this.requireSeries(actor, s);
    const identified = input.identified ? await this.identification(actor, input.identified) : null;
    return this.db.transaction().execute(async (trx) => {
      const people = new PersonRepository(trx, this.now);
      let person = await people.create({ kind, agencyId: actor.agencyId, reference: input.reference });
      if (identified) person = await people.setIdentified(kind, person.id, actor.agencyId, identified);
      const links = new LinkRepository(trx, this.now);
      for (const seriesId of seriesIds) {
        await links.create({
          agencyId: actor.agencyId,
          from: { kind: 'series', id: seriesId },
          to: { kind, id: person.id },
          relation: personRelation(kind),
          createdBy: actor.userId,
        });
      }
      await auditChange(
        trx,
        this.audit,
        actor,
        'create',
        { kind, id: person.id, agencyId: actor.agencyId },
        {
          series: seriesIds,
          identified: identified !== null,
        },
      );
      if (identified && kind === 'victim') await this.alerts.victimIdentified(trx, actor, person.id, seriesIds);
      return { ...person, seriesIds: seriesIds.sort((a, b) => a - b) };
    });
  }

  async update(actor: Actor, kind: PersonKind, id: number, patch: PersonPatch): Promise<PersonView> {
    requireRole(actor, 'write', kind);
    const before = await new PersonRepository(this.db, this.now).find(kind, id, actor.agencyId);
    if (!before) throw notVisible(kind, id);
    const identified =
      patch.identified === undefined
        ? undefined
        : patch.identified === null
          ? null
          : await this.identification(actor, patch.identified);
    return this.db.transaction().execute(async (trx) => {
      const people = new PersonRepository(trx, this.now);
      let person = before;
      if (patch.reference !== undefined) person = await people.setReference(kind, id, actor.agencyId, patch.reference);
      if (identified !== undefined) person = await people.setIdentified(kind, id, actor.agencyId, identified);
      const newlyIdentified = before.identifiedAt === null && person.identifiedAt !== null;
      await auditChange(
        trx,
        this.audit,
        actor,
        newlyIdentified ? 'identify' : 'update',
        {
          kind,
          id,
          agencyId: actor.agencyId,
        },
        { fields: Object.keys(patch).sort() },
      );
      const [view] = await this.withSeries(trx, [person]);
      if (newlyIdentified && kind === 'victim') {
        await this.alerts.victimIdentified(trx, actor, id, view?.seriesIds ?? []);
      }
      return view as PersonView;
    });
  }

  private async identification(actor: Actor, input: IdentifiedInput): Promise<{ byAgencyId: number; at: number }> {
    const at = input.at ?? this.now();
    if (at > this.now() + FUTURE_SLACK_MS) {
      throw new AppError('bad-usage', 'The identification time is in the future; give when it happened.');
    }
    const byAgencyId = input.byAgencyId ?? actor.agencyId;
    if (!(await new AgencyRepository(this.db).findById(byAgencyId))) {
      throw new AppError('bad-usage', `There is no agency ${byAgencyId}; name the agency that identified the person.`);
    }
    return { byAgencyId, at };
  }

  private async requireSeries(actor: Actor, seriesId: number): Promise<void> {
    requireRole(actor, 'read', 'series');
    if (!(await new SeriesRepository(this.db, this.now).findVisible(seriesId, actor.agencyId))) {
      throw notVisible('series', seriesId);
    }
  }

  private async withSeries(db: Kysely<VigilSchema>, people: Person[]): Promise<PersonView[]> {
    const kind = people[0]?.kind;
    if (!kind) return [];
    const series = await new PersonRepository(db, this.now).seriesOf(
      kind,
      people.map((p) => p.id),
    );
    return people.map((p) => ({ ...p, seriesIds: series.get(p.id) ?? [] }));
  }
}
