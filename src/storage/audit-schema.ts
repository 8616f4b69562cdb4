/**
 * The tables of migration 0003_audit as Kysely sees them (merged into VigilSchema by schema.ts).
 * `audit_events` is append-only (triggers refuse UPDATE and DELETE); `audit_chain_head` is its
 * single row pointing at the last event, locked by every append so the chain cannot fork.
 */

export interface AuditEventTable {
  /** 1, 2, 3, … assigned by the append (head + 1), never by the database. */
  seq: number;
  at: number;
  actor_user_id: number | null;
  actor_agency_id: number | null;
  action: string;
  record_kind: string;
  record_id: number | null;
  /** The agency owning the record, so auditors of that agency see events about it. */
  record_agency_id: number | null;
  /** Canonical JSON of an object: ids, counts, reasons; never content, paths or personal data. */
  details: string;
  /** The previous event's hash (64 zeros before the first). */
  prev_hash: string;
  /** SHA-256 (hex) of the event's canonical form, prev_hash included (audit-hash.ts). */
  hash: string;
}

export interface AuditChainHeadTable {
  /** Always 1. */
  id: number;
  /** The last event's seq (0 before the first). */
  seq: number;
  hash: string;
}

export interface AuditSchema {
  audit_events: AuditEventTable;
  audit_chain_head: AuditChainHeadTable;
}
