/**
 * The access policy as one pure function: may this actor read, write or export this record?
 * Rules per kind in policy-rules.ts; the same rules run inside SQL in scope-query.ts, and the
 * authorisation matrix test holds the two to the same answers on real rows.
 */
import type { AccessRecord, Action, Actor, Decision, SharedScope } from './access-record.js';
import { effectiveRoles, RULES, roleGrants } from './policy-rules.js';

const allow = (reason: string): Decision => ({ allowed: true, reason });
const deny = (reason: string): Decision => ({ allowed: false, reason });

const isPartner = (actor: Actor) => effectiveRoles(actor.roles).includes('partner');

/** The record itself (series, hash set): owner, shared with all, or named. */
export function sharedRecordVisible(scope: SharedScope, agencyId: number): boolean {
  return scope.ownerAgencyId === agencyId || scope.sharing === 'all' || scope.sharedWith.includes(agencyId);
}

/** Its hashes: where the record is visible, and `hash_only` to every agency. */
export function sharedHashesVisible(scope: SharedScope, agencyId: number): boolean {
  return scope.sharing === 'hash_only' || sharedRecordVisible(scope, agencyId);
}

/** Hashes that may go to industry partners: `all` and `hash_only`, never `restricted`. */
export function partnerHashesVisible(scope: SharedScope): boolean {
  return scope.sharing === 'all' || scope.sharing === 'hash_only';
}

/** Whether the record is within the actor's reach for reading or exporting. */
function visible(actor: Actor, record: AccessRecord): boolean {
  const me = actor.agencyId;
  const partner = isPartner(actor);
  switch (record.kind) {
    case 'agency':
      return !partner || record.id === me;
    case 'category_scheme':
      return true;
    case 'series':
    case 'hash_set':
      return sharedRecordVisible(record, me);
    case 'hash_set_entry':
      return partner ? partnerHashesVisible(record) : sharedHashesVisible(record, me);
    case 'media':
      return record.sightedBy.includes(me) || record.inSeries.some((s) => sharedRecordVisible(s, me));
    case 'signal':
      if (partner) return record.inSeries.some(partnerHashesVisible);
      return record.sightedBy.includes(me) || record.inSeries.some((s) => sharedHashesVisible(s, me));
    case 'note':
      return record.ownerAgencyId === me || record.visibleTo.includes(me);
    case 'audit_event':
      return record.actorAgencyId === me || record.recordAgencyId === me;
    default:
      return record.ownerAgencyId === me;
  }
}

/** Writes change only what the actor's agency owns (or holds, for media and their signals). */
function writable(actor: Actor, record: AccessRecord): boolean {
  const me = actor.agencyId;
  switch (record.kind) {
    case 'agency':
      return record.id === me;
    case 'category_scheme':
      return true;
    case 'media':
    case 'signal':
      return record.sightedBy.includes(me);
    case 'audit_event':
      return false;
    default:
      return record.ownerAgencyId === me;
  }
}

export function decide(actor: Actor, action: Action, record: AccessRecord): Decision {
  const kind = record.kind;
  const role = roleGrants(actor.roles, action, kind);
  if (!role) {
    const roles = effectiveRoles(actor.roles);
    const held = roles.length > 0 ? roles.join(', ') : 'no role';
    const partnerNote = isPartner(actor) ? ' (partners get hashes only)' : '';
    return deny(`Role ${held} may not ${action} ${kind} records${partnerNote}.`);
  }
  if (action === 'write') {
    return writable(actor, record)
      ? allow(`Role ${role} may write ${kind} records of its own agency.`)
      : deny(`The ${kind} belongs to another agency; only its own agency may change it.`);
  }
  return visible(actor, record)
    ? allow(
        `Role ${role} may ${action} this ${kind}: it is ${RULES[kind].scope === 'global' ? 'reference data' : 'within its agency’s reach'}.`,
      )
    : deny(`The ${kind} is not shared with this agency.`);
}
