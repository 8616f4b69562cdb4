/**
 * Appends audit events, each in the SAME transaction as the change it records (the caller passes
 * its transaction; there is no way to append outside one). Appends are serialised on the one-row
 * chain head: PostgreSQL locks it (`select … for update`), so concurrent writers on any number of
 * connections queue and each links to the head the previous one committed; SQLite has one writer
 * at a time. If a transaction rolls back, its event goes with it and the head stays put.
 */
import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../domain/app-error.js';
import { auditEventHash, canonicalJson, type HashedEvent, hashedEventOf, type JsonObject } from './audit-hash.js';
import type { AuditEventTable } from './audit-schema.js';
import type { DialectName } from './dialect-name.js';
import type { VigilSchema } from './schema.js';
import { withAppErrors } from './storage-errors.js';

export interface NewAuditEvent {
  /** Who: the user and agency, or null for the system itself (ingest workers, migrations). */
  actor: { userId: number | null; agencyId: number } | null;
  /** What, as a verb: `create`, `update`, `view`, `view-content`, `export`, `verdict`, … */
  action: string;
  /** To which record: its kind (access-record.ts), id, and owner agency where it has one. */
  record: { kind: string; id: number | null; agencyId: number | null };
  /** Ids, counts, reasons. Never content, evidence paths or personal data. */
  details?: JsonObject;
}

export interface AuditEvent extends HashedEvent {
  hash: string;
}

export function toAuditEvent(row: Selectable<AuditEventTable>): AuditEvent {
  return { ...hashedEventOf(row, JSON.parse(row.details) as JsonObject), hash: row.hash };
}

export class AuditRepository {
  constructor(
    private readonly dialect: DialectName,
    private readonly now: () => number = Date.now,
  ) {}

  /** Appends one event inside `trx`, the transaction of the change it records. */
  append(trx: Kysely<VigilSchema>, input: NewAuditEvent): Promise<AuditEvent> {
    if (!trx.isTransaction) {
      return Promise.reject(
        new AppError('internal', 'An audit event must be appended in the transaction of the change it records.'),
      );
    }
    return withAppErrors('Appending an audit event', async () => {
      const head = await trx
        .selectFrom('audit_chain_head')
        .select(['seq', 'hash'])
        .where('id', '=', 1)
        .$if(this.dialect === 'postgres', (q) => q.forUpdate())
        .executeTakeFirst();
      if (!head) throw new AppError('internal', 'The audit chain head is missing; the audit log cannot be appended.');
      const details = input.details ?? {};
      const event = {
        seq: head.seq + 1,
        at: this.now(),
        actorUserId: input.actor?.userId ?? null,
        actorAgencyId: input.actor?.agencyId ?? null,
        action: input.action,
        recordKind: input.record.kind,
        recordId: input.record.id,
        recordAgencyId: input.record.agencyId,
        details,
        prevHash: head.hash,
      };
      const hash = auditEventHash(event);
      await trx
        .insertInto('audit_events')
        .values({
          seq: event.seq,
          at: event.at,
          actor_user_id: event.actorUserId,
          actor_agency_id: event.actorAgencyId,
          action: event.action,
          record_kind: event.recordKind,
          record_id: event.recordId,
          record_agency_id: event.recordAgencyId,
          details: canonicalJson(details),
          prev_hash: event.prevHash,
          hash,
        })
        .execute();
      const moved = await trx
        .updateTable('audit_chain_head')
        .set({ seq: event.seq, hash })
        .where('id', '=', 1)
        .where('seq', '=', head.seq)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) {
        throw new AppError('conflict', 'The audit chain head moved during an append; the change was not kept.');
      }
      return { ...event, hash };
    });
  }

  /** Events in seq order after `afterSeq`, at most `limit` (for readers and exports). */
  async list(db: Kysely<VigilSchema>, afterSeq = 0, limit = 1_000): Promise<AuditEvent[]> {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(toAuditEvent);
  }
}
