/** Reads the audit log back in tests: the events about a record, newest last. */
import type { ServerSuite } from './http-harness.js';

export interface TrailEvent {
  seq: number;
  action: string;
  actorUserId: number | null;
  actorAgencyId: number | null;
  recordKind: string;
  recordId: number | null;
  recordAgencyId: number | null;
  details: Record<string, unknown>;
}

export async function auditTrail(
  suite: ServerSuite,
  filter: { recordKind?: string; recordId?: number; action?: string; afterSeq?: number } = {},
): Promise<TrailEvent[]> {
  let query = suite.vigil.database.db
    .selectFrom('audit_events')
    .selectAll()
    .where('seq', '>', filter.afterSeq ?? 0);
  if (filter.recordKind !== undefined) query = query.where('record_kind', '=', filter.recordKind);
  if (filter.recordId !== undefined) query = query.where('record_id', '=', filter.recordId);
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  const rows = await query.orderBy('seq').execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    action: r.action,
    actorUserId: r.actor_user_id === null ? null : Number(r.actor_user_id),
    actorAgencyId: r.actor_agency_id === null ? null : Number(r.actor_agency_id),
    recordKind: r.record_kind,
    recordId: r.record_id === null ? null : Number(r.record_id),
    recordAgencyId: r.record_agency_id === null ? null : Number(r.record_agency_id),
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}

/** The audit log's last seq (events after it are what a test caused). */
export async function auditHead(suite: ServerSuite): Promise<number> {
  const row = await suite.vigil.database.db.selectFrom('audit_chain_head').select('seq').executeTakeFirst();
  return Number(row?.seq ?? 0);
}
