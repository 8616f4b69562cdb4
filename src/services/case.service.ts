/**
 * An agency's cases and their exhibits (RULES 'case' and 'exhibit', owner scope): pages of cases
 * newest first, open a case, rename, close or reopen it, list and add its exhibits. Another
 * agency's case is not found (its existence is not revealed); every change is audited in its
 * own transaction; a closed case takes no new exhibits until it is reopened.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { scopeWhere } from '../access/scope-query.js';
import { AppError } from '../domain/app-error.js';
import { AuditRepository } from '../storage/audit.repository.js';
import type { JsonObject } from '../storage/audit-hash.js';
import { CaseRepository } from '../storage/case.repository.js';
import { CaseListRepository, type CaseSummary, type ExhibitSummary } from '../storage/case-list.repository.js';
import type { VigilDatabase } from '../storage/database.js';
import type { VigilSchema } from '../storage/schema.js';
import { afterKey, type CursorPage, type CursorRequest, pageOf } from './cursor-page.js';

export interface CaseQuery extends CursorRequest {
  status?: 'open' | 'closed' | undefined;
  q?: string | undefined;
}

export interface CaseDetail extends CaseSummary {
  /** Distinct media seen in its exhibits. */
  media: number;
}

export interface CaseChanges {
  title?: string | undefined;
  closed?: boolean | undefined;
}

export class CaseService {
  private readonly db: Kysely<VigilSchema>;
  private readonly audit: AuditRepository;

  constructor(
    database: VigilDatabase,
    private readonly now: () => number = Date.now,
  ) {
    this.db = database.db;
    this.audit = new AuditRepository(database.dialect, now);
  }

  async list(actor: Actor, query: CaseQuery): Promise<CursorPage<CaseSummary>> {
    const rows = await new CaseListRepository(this.db).page(scopeWhere(actor, 'read', 'case'), {
      before: afterKey(query.cursor),
      limit: query.limit,
      status: query.status,
      search: query.q?.trim() || undefined,
    });
    return pageOf(rows, query.limit, (c) => c.id);
  }

  async get(actor: Actor, id: number): Promise<CaseDetail> {
    const cases = new CaseListRepository(this.db);
    const found = await cases.find(scopeWhere(actor, 'read', 'case'), id);
    if (!found) throw notFound(id);
    return { ...found, media: await cases.mediaCount(id) };
  }

  async create(actor: Actor, input: { reference: string; title: string }): Promise<CaseDetail> {
    return this.db.transaction().execute(async (trx) => {
      const created = await new CaseRepository(trx, this.now).createCase({ agencyId: actor.agencyId, ...input });
      await this.record(trx, actor, 'create', { kind: 'case', id: created.id }, { reference: created.reference });
      return { ...created, exhibits: 0, media: 0 };
    });
  }

  /** Renames, closes (`closed: true`) or reopens (`closed: false`) the caller's agency's case. */
  async update(actor: Actor, id: number, changes: CaseChanges): Promise<CaseDetail> {
    await this.db.transaction().execute(async (trx) => {
      const cases = new CaseListRepository(trx);
      const current = await cases.find(scopeWhere(actor, 'write', 'case'), id);
      if (!current) throw notFound(id);
      const details: JsonObject = {};
      const next: { title?: string; closedAt?: number | null } = {};
      if (changes.title !== undefined && changes.title !== current.title) {
        next.title = changes.title;
        details.title = true;
      }
      if (changes.closed !== undefined && changes.closed !== (current.closedAt !== null)) {
        next.closedAt = changes.closed ? this.now() : null;
        details.closed = changes.closed;
      }
      if (Object.keys(next).length === 0) return;
      await cases.update(id, next);
      await this.record(trx, actor, 'update', { kind: 'case', id }, details);
    });
    return this.get(actor, id);
  }

  async exhibits(actor: Actor, caseId: number): Promise<ExhibitSummary[]> {
    const cases = new CaseListRepository(this.db);
    if (!(await cases.find(scopeWhere(actor, 'read', 'case'), caseId))) throw notFound(caseId);
    return cases.exhibits(caseId);
  }

  async addExhibit(actor: Actor, caseId: number, input: { label: string; kind?: string | undefined }) {
    return this.db.transaction().execute(async (trx) => {
      const found = await new CaseListRepository(trx).find(scopeWhere(actor, 'write', 'case'), caseId);
      if (!found) throw notFound(caseId);
      if (found.closedAt !== null) {
        throw new AppError('conflict', `Case ${found.reference} is closed; reopen it to add exhibits.`);
      }
      const exhibit = await new CaseRepository(trx, this.now).createExhibit({ caseId, ...input });
      await this.record(trx, actor, 'create', { kind: 'exhibit', id: exhibit.id }, { caseId });
      return { ...exhibit, sightings: 0, scanResults: 0 };
    });
  }

  private record(
    trx: Kysely<VigilSchema>,
    actor: Actor,
    action: string,
    record: { kind: 'case' | 'exhibit'; id: number },
    details: JsonObject,
  ): Promise<unknown> {
    return this.audit.append(trx, {
      actor: { userId: actor.userId, agencyId: actor.agencyId },
      action,
      record: { ...record, agencyId: actor.agencyId },
      details,
    });
  }
}

function notFound(id: number): AppError {
  return new AppError('not-found', `There is no case ${id} in your agency.`);
}
