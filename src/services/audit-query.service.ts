/**
 * The audit log for auditors (RULES 'audit_event': auditors and admins; scope: events by the
 * caller's agency or about its records): filtered pages newest first, and verification of the
 * whole hash chain (audit-verify.ts), which says whether any event was edited, removed or moved
 * and where the chain first breaks. Other agencies' user names are not shown, only their ids.
 * Reading the log is itself audited (it shows when and how colleagues work): each page read
 * appends a `view` event on the agency's audit log, with the filter asked and the range of events
 * shown (the log is append-only, so the two name exactly what was read), in the read's transaction. The chain check shows counts and hashes only and is not a view.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { scopeWhere } from '../access/scope-query.js';
import { AppError } from '../domain/app-error.js';
import { type AuditEvent, AuditRepository } from '../storage/audit.repository.js';
import type { JsonObject } from '../storage/audit-hash.js';
import { type AuditEventFilter, AuditQueryRepository } from '../storage/audit-query.repository.js';
import { type AuditProblemKind, verifyAuditChain } from '../storage/audit-verify.js';
import type { VigilDatabase } from '../storage/database.js';
import type { VigilSchema } from '../storage/schema.js';
import { UserAccountRepository } from '../storage/user-account.repository.js';
import { afterKey, type CursorPage, type CursorRequest, pageOf } from './cursor-page.js';
import { auditChange } from './record-access.js';

/** A page request and the repository's filter (its cursor comes from the request). */
export interface AuditFilter extends CursorRequest, Omit<AuditEventFilter, 'beforeSeq'> {}

export interface AuditEventView {
  seq: number;
  at: number;
  actor: { userId: number | null; agencyId: number | null; username: string | null };
  action: string;
  record: { kind: string; id: number | null; agencyId: number | null };
  details: JsonObject;
  prevHash: string;
  hash: string;
}

export type ChainCheck =
  | { ok: true; events: number; headSeq: number; headHash: string }
  | { ok: false; events: number; firstBrokenSeq: number; problem: { kind: AuditProblemKind; message: string } };

export class AuditQueryService {
  private readonly db: Kysely<VigilSchema>;
  private readonly audit: AuditRepository;

  constructor(database: VigilDatabase, now: () => number = Date.now) {
    this.db = database.db;
    this.audit = new AuditRepository(database.dialect, now);
  }

  async query(actor: Actor, filter: AuditFilter): Promise<CursorPage<AuditEventView>> {
    if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
      throw new AppError('bad-usage', 'The time range ends before it starts: from must not be after to.');
    }
    const { cursor, limit, ...conditions } = filter;
    return this.db.transaction().execute(async (trx) => {
      const events = await new AuditQueryRepository(trx).page(
        scopeWhere(actor, 'read', 'audit_event'),
        { ...conditions, beforeSeq: afterKey(cursor) },
        limit + 1,
      );
      const page = pageOf(events, filter.limit, (e) => e.seq);
      const names = await this.ownUsernames(trx, actor, page.items);
      await auditChange(
        trx,
        this.audit,
        actor,
        'view',
        { kind: 'audit_event', id: null, agencyId: actor.agencyId },
        {
          filter: definedOf(conditions),
          shown: page.items.length,
          newestSeq: page.items[0]?.seq ?? null,
          oldestSeq: page.items.at(-1)?.seq ?? null,
        },
      );
      return { items: page.items.map((e) => view(e, names)), nextCursor: page.nextCursor };
    });
  }

  /** Verifies the whole chain (every agency's events: a break anywhere concerns everyone). */
  async verify(): Promise<ChainCheck> {
    const report = await verifyAuditChain(this.db);
    if (report.ok) return report;
    return {
      ok: false,
      events: report.eventsChecked,
      firstBrokenSeq: report.problem.seq,
      problem: { kind: report.problem.kind, message: report.problem.message },
    };
  }

  /** Usernames of the acting users who belong to the caller's agency. */
  private async ownUsernames(
    db: Kysely<VigilSchema>,
    actor: Actor,
    events: readonly AuditEvent[],
  ): Promise<Map<number, string>> {
    const ids = [...new Set(events.flatMap((e) => (e.actorUserId === null ? [] : [e.actorUserId])))];
    if (ids.length === 0) return new Map();
    return new UserAccountRepository(db).usernamesInAgency(ids, actor.agencyId);
  }
}

/** The filter's conditions that were given (ids, an action, a kind, times: no personal data). */
function definedOf(conditions: Omit<AuditFilter, 'cursor' | 'limit'>): JsonObject {
  return Object.fromEntries(Object.entries(conditions).filter(([, v]) => v !== undefined)) as JsonObject;
}

function view(e: AuditEvent, names: ReadonlyMap<number, string>): AuditEventView {
  return {
    seq: e.seq,
    at: e.at,
    actor: {
      userId: e.actorUserId,
      agencyId: e.actorAgencyId,
      username: e.actorUserId === null ? null : (names.get(e.actorUserId) ?? null),
    },
    action: e.action,
    record: { kind: e.recordKind, id: e.recordId, agencyId: e.recordAgencyId },
    details: e.details,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
