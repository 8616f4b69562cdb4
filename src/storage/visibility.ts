/**
 * Which rows an agency may see, as Kysely expressions to put INSIDE a query's `where` (never
 * load-then-filter). One place for the sharing rules of sharing.record.ts, for the repositories
 * here and for the access policy to reuse:
 *
 *   db.selectFrom('series').selectAll().where(seriesVisibleTo(agencyId))
 *
 * Each takes the agency asking; roles (e.g. partners getting hashes only) are the policy's call.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { VigilSchema } from './schema.js';

type Where<TB extends keyof VigilSchema> = (eb: ExpressionBuilder<VigilSchema, TB>) => Expression<SqlBool>;

/** The series record: own series, series shared with all, series shared with this agency by name. */
export function seriesVisibleTo(agencyId: number): Where<'series'> {
  return (eb) =>
    eb.or([
      eb('series.agency_id', '=', agencyId),
      eb('series.sharing', '=', 'all'),
      eb.exists(
        eb
          .selectFrom('series_shares')
          .select('series_shares.series_id')
          .whereRef('series_shares.series_id', '=', 'series.id')
          .where('series_shares.agency_id', '=', agencyId),
      ),
    ]);
}

/** A series' hashes: wherever the record is visible, and from `hash_only` series to everyone. */
export function seriesHashesVisibleTo(agencyId: number): Where<'series'> {
  const record = seriesVisibleTo(agencyId);
  return (eb) => eb.or([eb('series.sharing', '=', 'hash_only'), record(eb)]);
}

/** The hash set record (name, source, terms): the same rules as a series. */
export function hashSetVisibleTo(agencyId: number): Where<'hash_sets'> {
  return (eb) =>
    eb.or([
      eb('hash_sets.agency_id', '=', agencyId),
      eb('hash_sets.sharing', '=', 'all'),
      eb.exists(
        eb
          .selectFrom('hash_set_shares')
          .select('hash_set_shares.hash_set_id')
          .whereRef('hash_set_shares.hash_set_id', '=', 'hash_sets.id')
          .where('hash_set_shares.agency_id', '=', agencyId),
      ),
    ]);
}

/** A hash set's entries: wherever the set is visible, and from `hash_only` sets to everyone. */
export function hashSetEntriesVisibleTo(agencyId: number): Where<'hash_sets'> {
  const record = hashSetVisibleTo(agencyId);
  return (eb) => eb.or([eb('hash_sets.sharing', '=', 'hash_only'), record(eb)]);
}

/** A note: its author's agency, and the agencies listed for it in note_visibility. */
export function noteVisibleTo(agencyId: number): Where<'notes'> {
  return (eb) =>
    eb.or([
      eb('notes.agency_id', '=', agencyId),
      eb.exists(
        eb
          .selectFrom('note_visibility')
          .select('note_visibility.note_id')
          .whereRef('note_visibility.note_id', '=', 'notes.id')
          .where('note_visibility.agency_id', '=', agencyId),
      ),
    ]);
}

/** 1 where the condition holds, else 0: a visibility rule selected as a column (e.g. `set_visible`). */
export function flag(condition: Expression<SqlBool>) {
  return sql<number>`case when ${condition} then 1 else 0 end`;
}
