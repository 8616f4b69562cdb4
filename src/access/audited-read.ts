/**
 * Reads that are themselves audited (DESIGN.md §1: "auditors see who looked at what"): a read of
 * media, evidence paths or personal data (AUDITED_READ_KINDS) appends a `view` event in the SAME
 * transaction as the read, so there is no view without its event. `load` runs in that
 * transaction and should apply `scopeWhere(actor, 'read', kind)` in its query.
 */
import type { Kysely } from 'kysely';
import type { AuditRepository } from '../storage/audit.repository.js';
import type { VigilSchema } from '../storage/schema.js';
import type { AccessKind, Actor } from './access-record.js';
import { AUDITED_READ_KINDS } from './policy-rules.js';

export interface Loaded<T> {
  value: T;
  id: number;
  /** The record's owner agency, where it has one. */
  agencyId: number | null;
}

/** Loads one record in a transaction and, for audited kinds, records the view; null when not found. */
export function readAudited<T>(
  db: Kysely<VigilSchema>,
  audit: AuditRepository,
  actor: Actor,
  kind: AccessKind,
  load: (trx: Kysely<VigilSchema>) => Promise<Loaded<T> | null>,
): Promise<T | null> {
  return db.transaction().execute(async (trx) => {
    const found = await load(trx);
    if (!found) return null;
    if (AUDITED_READ_KINDS.has(kind)) {
      await audit.append(trx, {
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        action: 'view',
        record: { kind, id: found.id, agencyId: found.agencyId },
      });
    }
    return found.value;
  });
}
