/**
 * What the access policy needs to know about an actor and a record: agencies, roles and sharing,
 * nothing else. Services build these from what they load; the query-side form (scope-query.ts)
 * reads the same facts from the rows.
 */
import type { Role } from '../domain/agency.record.js';
import type { SharingLevel } from '../domain/sharing.record.js';

/** Who asks: a user's agency and roles (users / user_roles), or an industry partner's API key. */
export interface Actor {
  /** Null for a system actor-less call (none today) or a partner key not bound to a user. */
  userId: number | null;
  agencyId: number;
  roles: readonly Role[];
}

export const ACTIONS = ['read', 'write', 'export'] as const;
export type Action = (typeof ACTIONS)[number];

/** Every kind of record of DESIGN.md §2 the policy rules on. */
export const ACCESS_KINDS = [
  'agency',
  'user',
  'case',
  'exhibit',
  'media',
  'sighting',
  'signal',
  'category_scheme',
  'hash_set',
  'hash_set_entry',
  'series',
  'victim',
  'offender',
  'place',
  'clue',
  'link',
  'match',
  'note',
  'alert',
  'audit_event',
] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

/** A series or hash set as sharing sees it: owner, level, and the agencies named for it. */
export interface SharedScope {
  ownerAgencyId: number;
  sharing: SharingLevel;
  sharedWith: readonly number[];
}

/** Kinds that belong to exactly one agency and are seen by it alone. */
export type OwnedKind =
  | 'user'
  | 'case'
  | 'exhibit'
  | 'sighting'
  | 'victim'
  | 'offender'
  | 'place'
  | 'clue'
  | 'link'
  | 'match'
  | 'alert';

/** The facts of one record the policy decides on. */
export type AccessRecord =
  | { kind: 'agency'; id: number }
  | { kind: OwnedKind; ownerAgencyId: number }
  | { kind: 'category_scheme' }
  | ({ kind: 'series' | 'hash_set' | 'hash_set_entry' } & SharedScope)
  | {
      /** A media, or one of its signals (hashes). */
      kind: 'media' | 'signal';
      /** Agencies holding it: those with a sighting of it in one of their exhibits. */
      sightedBy: readonly number[];
      /** The series it is a member of (links media -> series, relation `member`). */
      inSeries: readonly SharedScope[];
    }
  | { kind: 'note'; ownerAgencyId: number; visibleTo: readonly number[] }
  | { kind: 'audit_event'; actorAgencyId: number | null; recordAgencyId: number | null };

export interface Decision {
  allowed: boolean;
  /** Why, in words for an auditor or a 403 body; never record content. */
  reason: string;
}
