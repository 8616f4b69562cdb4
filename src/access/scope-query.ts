/**
 * The access policy inside SQL: `scopeWhere(actor, action, kind)` is a Kysely `where` for the
 * kind's table that keeps exactly the rows `decide()` would allow, so a list, a lookup or an
 * export never loads what the actor may not see (no load-then-filter):
 *
 *   db.selectFrom('series').selectAll().where(scopeWhere(actor, 'read', 'series'))
 *
 * Roles are settled here from the same rule table (policy-rules.ts): a role without the grant
 * gets `1 = 0`. The scope then becomes SQL; the sharing rules of series, hash sets and notes come
 * from storage/visibility.ts, which implements sharing.record.ts. The authorisation matrix test
 * checks this against `decide()` on real rows of every kind, on both dialects.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { VigilSchema } from '../storage/schema.js';
import {
  hashSetEntriesVisibleTo,
  hashSetVisibleTo,
  noteVisibleTo,
  seriesHashesVisibleTo,
  seriesVisibleTo,
} from '../storage/visibility.js';
import type { AccessKind, Action, Actor } from './access-record.js';
import { effectiveRoles, RULES, roleGrants } from './policy-rules.js';

/** Where each kind of record lives. */
export const KIND_TABLES = {
  agency: 'agencies',
  user: 'users',
  case: 'cases',
  exhibit: 'exhibits',
  media: 'media',
  sighting: 'sightings',
  signal: 'signals',
  category_scheme: 'category_schemes',
  hash_set: 'hash_sets',
  hash_set_entry: 'hash_set_entries',
  series: 'series',
  victim: 'victims',
  offender: 'offenders',
  place: 'places',
  clue: 'clues',
  link: 'links',
  match: 'matches',
  note: 'notes',
  alert: 'alerts',
  audit_event: 'audit_events',
} as const satisfies Record<AccessKind, keyof VigilSchema>;
export type KindTable = typeof KIND_TABLES;

/** A media belongs to a series through a link media -> series with this relation. */
export const SERIES_MEMBER_RELATION = 'member';

export type ScopeWhere<K extends AccessKind> = (
  eb: ExpressionBuilder<VigilSchema, KindTable[K]>,
) => Expression<SqlBool>;

// Internally the builders reach across tables by name; the exported type keeps callers typed.
// biome-ignore lint/suspicious/noExplicitAny: one builder serves every table of the list above.
type AnyEb = ExpressionBuilder<any, any>;

const NEVER = sql<SqlBool>`1 = 0`;
const ALWAYS = sql<SqlBool>`1 = 1`;
const PARTNER_LEVELS = ['all', 'hash_only'];

/** The media (by its id column) is in a series and that series passes `seriesWhere`. */
function inSeries(eb: AnyEb, mediaId: string, seriesWhere: (eb: AnyEb) => Expression<SqlBool>) {
  return eb.exists(
    eb
      .selectFrom('links')
      .innerJoin('series', 'series.id', 'links.to_id')
      .select('links.id')
      .whereRef('links.from_id', '=', mediaId)
      .where('links.from_kind', '=', 'media')
      .where('links.to_kind', '=', 'series')
      .where('links.relation', '=', SERIES_MEMBER_RELATION)
      .where((inner: AnyEb) => seriesWhere(inner)),
  );
}

/** The actor's agency has a sighting of the media (by its id column). */
function sightedBy(eb: AnyEb, mediaId: string, agencyId: number) {
  return eb.exists(
    eb
      .selectFrom('sightings')
      .select('sightings.id')
      .whereRef('sightings.media_id', '=', mediaId)
      .where('sightings.agency_id', '=', agencyId),
  );
}

function readScope(kind: AccessKind, actor: Actor, partner: boolean): (eb: AnyEb) => Expression<SqlBool> {
  const me = actor.agencyId;
  const table = KIND_TABLES[kind];
  switch (kind) {
    case 'agency':
      return (eb) => (partner ? eb('agencies.id', '=', me) : ALWAYS);
    case 'category_scheme':
      return () => ALWAYS;
    case 'series':
      return seriesVisibleTo(me) as (eb: AnyEb) => Expression<SqlBool>;
    case 'hash_set':
      return hashSetVisibleTo(me) as (eb: AnyEb) => Expression<SqlBool>;
    case 'hash_set_entry':
      return (eb) =>
        eb.exists(
          eb
            .selectFrom('hash_sets')
            .select('hash_sets.id')
            .whereRef('hash_sets.id', '=', 'hash_set_entries.hash_set_id')
            .where((inner: AnyEb) =>
              partner ? inner('hash_sets.sharing', 'in', PARTNER_LEVELS) : hashSetEntriesVisibleTo(me)(inner),
            ),
        );
    case 'media':
      return (eb) =>
        eb.or([
          sightedBy(eb, 'media.id', me),
          inSeries(eb, 'media.id', seriesVisibleTo(me) as (eb: AnyEb) => Expression<SqlBool>),
        ]);
    case 'signal':
      if (partner) return (eb) => inSeries(eb, 'signals.media_id', (s) => s('series.sharing', 'in', PARTNER_LEVELS));
      return (eb) =>
        eb.or([
          sightedBy(eb, 'signals.media_id', me),
          inSeries(eb, 'signals.media_id', seriesHashesVisibleTo(me) as (eb: AnyEb) => Expression<SqlBool>),
        ]);
    case 'note':
      return noteVisibleTo(me) as (eb: AnyEb) => Expression<SqlBool>;
    case 'audit_event':
      return (eb) => eb.or([eb('audit_events.actor_agency_id', '=', me), eb('audit_events.record_agency_id', '=', me)]);
    default:
      return (eb) => eb(`${table}.agency_id`, '=', me);
  }
}

function writeScope(kind: AccessKind, actor: Actor): (eb: AnyEb) => Expression<SqlBool> {
  const me = actor.agencyId;
  switch (kind) {
    case 'agency':
      return (eb) => eb('agencies.id', '=', me);
    case 'category_scheme':
      return () => ALWAYS;
    case 'media':
      return (eb) => sightedBy(eb, 'media.id', me);
    case 'signal':
      return (eb) => sightedBy(eb, 'signals.media_id', me);
    case 'audit_event':
      return () => NEVER;
    default:
      return (eb) => eb(`${KIND_TABLES[kind]}.agency_id`, '=', me);
  }
}

/** The rows of `kind` that `actor` may `action`, as a where clause for the kind's table. */
export function scopeWhere<K extends AccessKind>(actor: Actor, action: Action, kind: K): ScopeWhere<K> {
  if (!roleGrants(actor.roles, action, kind) || RULES[kind][action].length === 0) return () => NEVER;
  const partner = effectiveRoles(actor.roles).includes('partner');
  const scope = action === 'write' ? writeScope(kind, actor) : readScope(kind, actor, partner);
  return scope as ScopeWhere<K>;
}

/**
 * 1 where `actor` may read the row as `kind`, else 0, selected as `alias`: for rows the caller may
 * know of (a hash) without seeing their record.
 */
export function readableFlag<A extends string>(actor: Actor, kind: AccessKind, alias: A) {
  const readable = scopeWhere(actor, 'read', kind) as (eb: AnyEb) => Expression<SqlBool>;
  return (eb: AnyEb) => eb.case().when(readable(eb)).then(1).else(0).end().as(alias);
}
