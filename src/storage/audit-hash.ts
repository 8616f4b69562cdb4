/**
 * The canonical form of an audit event and its hash. Canonical JSON in the manner of RFC 8785
 * (JCS): object keys sorted by UTF-16 code units, no white space, strings and numbers as
 * ECMAScript's JSON.stringify writes them; only finite numbers, strings, booleans, null, arrays
 * and plain objects are allowed. The hash is SHA-256 over the UTF-8 bytes of
 *
 *   {"action":…,"actorAgencyId":…,"actorUserId":…,"at":…,"details":{…},"prevHash":…,
 *    "recordAgencyId":…,"recordId":…,"recordKind":…,"seq":…,"v":1}
 *
 * so an event's position (seq) and its predecessor (prevHash) are part of what is signed.
 */
import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import { AppError } from '../domain/app-error.js';
import type { AuditEventTable } from './audit-schema.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AppError('bad-usage', 'Audit details: numbers must be finite.');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new AppError('bad-usage', `Audit details: a ${typeof value} cannot be recorded (JSON values only).`);
}

/** The fields of an event that its hash covers. */
export interface HashedEvent {
  seq: number;
  at: number;
  actorUserId: number | null;
  actorAgencyId: number | null;
  action: string;
  recordKind: string;
  recordId: number | null;
  recordAgencyId: number | null;
  details: JsonObject;
  prevHash: string;
}

export const AUDIT_HASH_VERSION = 1;

export function auditEventHash(event: HashedEvent): string {
  const canonical = canonicalJson({ ...event, v: AUDIT_HASH_VERSION });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** The hashed fields of a stored event row, with its details already parsed. */
export function hashedEventOf(row: Selectable<AuditEventTable>, details: JsonObject): HashedEvent {
  return {
    seq: row.seq,
    at: row.at,
    actorUserId: row.actor_user_id,
    actorAgencyId: row.actor_agency_id,
    action: row.action,
    recordKind: row.record_kind,
    recordId: row.record_id,
    recordAgencyId: row.record_agency_id,
    details,
    prevHash: row.prev_hash,
  };
}
