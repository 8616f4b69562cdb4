/**
 * What the record services (series, people, places, links, verdicts, notes, alerts) share when
 * they check access: the role check, the record-level answers (not visible -> `not-found`, so
 * existence is not revealed; visible but another agency's -> `forbidden` on a change), scoped
 * look-ups of records by kind, and `view` audit events for every record of a list that is read.
 */
import type { Kysely } from 'kysely';
import type { AccessKind, Action, Actor } from '../access/access-record.js';
import { AUDITED_READ_KINDS, roleGrants } from '../access/policy-rules.js';
import { scopeWhere } from '../access/scope-query.js';
import { AppError } from '../domain/app-error.js';
import type { RecordKind, RecordRef } from '../domain/link.record.js';
import type { AuditRepository } from '../storage/audit.repository.js';
import type { JsonObject } from '../storage/audit-hash.js';
import type { VigilSchema } from '../storage/schema.js';
import { VisibleRecordRepository } from '../storage/visible-record.repository.js';

/** One page of a list: at most `limit` items after skipping `offset`. */
export interface PageRequest {
  limit: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

const LABEL: Record<AccessKind, string> = {
  agency: 'agency',
  user: 'user',
  case: 'case',
  exhibit: 'exhibit',
  media: 'media',
  sighting: 'sighting',
  signal: 'signal',
  category_scheme: 'category scheme',
  hash_set: 'hash set',
  hash_set_entry: 'hash set entry',
  series: 'series',
  victim: 'victim',
  offender: 'offender',
  place: 'place',
  clue: 'clue',
  link: 'link',
  match: 'match',
  note: 'note',
  alert: 'alert',
  audit_event: 'audit event',
};

/** `forbidden` unless one of the actor's roles grants `action` on `kind`. */
export function requireRole(actor: Actor, action: Action, kind: AccessKind): void {
  if (roleGrants(actor.roles, action, kind)) return;
  const held = actor.roles.length > 0 ? actor.roles.join(', ') : 'no role';
  throw new AppError('forbidden', `Role ${held} may not ${action} ${LABEL[kind]} records.`, {
    details: { kind, action },
  });
}

/** The one answer for a record that does not exist or that the caller may not see. */
export function notVisible(kind: AccessKind, id: number): AppError {
  return new AppError('not-found', `There is no ${LABEL[kind]} ${id} this account may see.`);
}

/** `forbidden` when a visible record belongs to another agency (changes are the owner's). */
export function requireOwner(actor: Actor, kind: AccessKind, record: { id: number; agencyId: number }): void {
  if (record.agencyId === actor.agencyId) return;
  throw new AppError(
    'forbidden',
    `The ${LABEL[kind]} ${record.id} belongs to another agency; only that agency may change it.`,
  );
}

/** Whose the record of a kind is, when the caller may read it: its owner agency (null: none), or undefined. */
export async function visibleRecord(
  db: Kysely<VigilSchema>,
  actor: Actor,
  ref: RecordRef,
): Promise<{ agencyId: number | null } | undefined> {
  return new VisibleRecordRepository(db).owner(ref.kind, ref.id, scopeWhere(actor, 'read', ref.kind));
}

/** The ids among `ids` of media the actor may read. */
export async function visibleMediaIds(
  db: Kysely<VigilSchema>,
  actor: Actor,
  ids: readonly number[],
): Promise<Set<number>> {
  return new VisibleRecordRepository(db).mediaIds(ids, scopeWhere(actor, 'read', 'media'));
}

/**
 * Appends a `view` event for each record read, in `trx` (the transaction of the read), for the
 * kinds whose reads are audited. A list of personal data is as much a look as opening one record.
 */
export async function auditViews(
  trx: Kysely<VigilSchema>,
  audit: AuditRepository,
  actor: Actor,
  kind: AccessKind,
  records: readonly { id: number; agencyId: number | null }[],
): Promise<void> {
  if (!AUDITED_READ_KINDS.has(kind)) return;
  for (const record of records) {
    await audit.append(trx, {
      actor: { userId: actor.userId, agencyId: actor.agencyId },
      action: 'view',
      record: { kind, id: record.id, agencyId: record.agencyId },
    });
  }
}

/** Appends one event about a change, in the change's transaction. */
export function auditChange(
  trx: Kysely<VigilSchema>,
  audit: AuditRepository,
  actor: Actor,
  action: string,
  record: { kind: AccessKind; id: number | null; agencyId: number | null },
  details?: JsonObject,
): Promise<unknown> {
  return audit.append(trx, {
    actor: { userId: actor.userId, agencyId: actor.agencyId },
    action,
    record,
    ...(details ? { details } : {}),
  });
}

/** Parses `kind:id` (e.g. `series:12`), as the query strings and bodies of the record routes write a record. */
export function parseRecordRef(text: string, kinds: readonly RecordKind[]): RecordRef {
  const match = /^([a-z_]+):([1-9][0-9]{0,15})$/.exec(text);
  const kind = match?.[1] as RecordKind | undefined;
  if (!match || !kind || !kinds.includes(kind)) {
    throw new AppError(
      'bad-usage',
      `Write a record as kind:id with a kind among ${kinds.join(', ')} (e.g. ${kinds[0]}:12).`,
    );
  }
  return { kind, id: Number(match[2]) };
}
