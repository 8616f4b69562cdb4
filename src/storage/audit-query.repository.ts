/**
 * Reading the audit log for auditors: filtered pages newest first. I/O only: the caller passes
 * the access scope (scope-query.ts), applied inside the query, and checks the filter.
 */
import type { Kysely } from 'kysely';
import type { ScopeWhere } from '../access/scope-query.js';
import { type AuditEvent, toAuditEvent } from './audit.repository.js';
import type { VigilSchema } from './schema.js';

export interface AuditEventFilter {
  /** Only events with a smaller seq (the cursor of the page before). */
  beforeSeq: number | null;
  actorUserId?: number | undefined;
  /** Events by this agency or about its records. */
  agencyId?: number | undefined;
  action?: string | undefined;
  recordKind?: string | undefined;
  recordId?: number | undefined;
  /** Times in ms, inclusive. */
  from?: number | undefined;
  to?: number | undefined;
}

export class AuditQueryRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  /** Up to `limit` events in scope that pass the filter, newest first. */
  async page(scope: ScopeWhere<'audit_event'>, filter: AuditEventFilter, limit: number): Promise<AuditEvent[]> {
    let query = this.db.selectFrom('audit_events').selectAll().where(scope);
    if (filter.beforeSeq !== null) query = query.where('seq', '<', filter.beforeSeq);
    if (filter.actorUserId !== undefined) query = query.where('actor_user_id', '=', filter.actorUserId);
    if (filter.agencyId !== undefined) {
      const agency = filter.agencyId;
      query = query.where((eb) => eb.or([eb('actor_agency_id', '=', agency), eb('record_agency_id', '=', agency)]));
    }
    if (filter.action !== undefined) query = query.where('action', '=', filter.action);
    if (filter.recordKind !== undefined) query = query.where('record_kind', '=', filter.recordKind);
    if (filter.recordId !== undefined) query = query.where('record_id', '=', filter.recordId);
    if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('at', '<=', filter.to);
    const rows = await query.orderBy('seq', 'desc').limit(limit).execute();
    return rows.map(toAuditEvent);
  }
}
