/**
 * The reads behind hash lookups, each under the caller's access rules INSIDE the query
 * (scope-query.ts): media found by a digest or by id, with whether the caller may see the media
 * record or only know its hash (a member of a series shared `hash_only`); the visible series of
 * media; hash-set entries found by a hash or by id, with whether the set itself is visible and
 * the entry's category. `anyDigest` is the one unscoped read: a prepared existence test that lets
 * the common miss skip the scoped queries (it answers only "stored anywhere?", never to a caller).
 */
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { effectiveRoles, roleGrants } from '../access/policy-rules.js';
import { readableFlag, SERIES_MEMBER_RELATION, scopeWhere } from '../access/scope-query.js';
import { chunk, IN_LIST_CHUNK } from './chunks.js';
import type { DialectName } from './dialect-name.js';
import { categoryOf, type EntryHitRow, readEntries } from './lookup-entries.js';
import { PreparedQuery } from './prepared-query.js';
import type { VigilSchema } from './schema.js';

export type { EntryHitRow } from './lookup-entries.js';

export type DigestColumn = 'md5' | 'sha1' | 'sha256';
export type EntryHashColumn = DigestColumn | 'pdq';

export interface MediaHitRow {
  mediaId: number;
  /** The digest that was asked (for digest look-ups). */
  value: string;
  /** The caller may see the media record; otherwise only that its hash is known. */
  recordVisible: boolean;
}

export interface Category {
  scheme: string;
  code: string;
  label: string;
}

export interface SeriesRow {
  mediaId: number;
  id: number;
  reference: string;
  title: string;
  category: Category | null;
}

/** Victims linked to a series (either direction, by any agency): counts only, never the records. */
export interface VictimCounts {
  total: number;
  identified: number;
}

const ANY_DIGEST: Record<DigestColumn, PreparedQuery<{ found: number }>> = {
  md5: existence('md5'),
  sha1: existence('sha1'),
  sha256: existence('sha256'),
};

function existence(column: DigestColumn): PreparedQuery<{ found: number }> {
  return new PreparedQuery(2, (db, inMedia, inEntries) =>
    db
      .selectFrom('media')
      .select((eb) => eb.lit(1).as('found'))
      .where(`media.${column}`, '=', inMedia)
      .unionAll(
        db
          .selectFrom('hash_set_entries')
          .select((eb) => eb.lit(1).as('found'))
          .where(`hash_set_entries.${column}`, '=', inEntries),
      ),
  );
}

type MediaEb = ExpressionBuilder<VigilSchema, 'media'>;

/** Media whose hashes the actor may know: media it may read, or members of a `hash_only` series. */
function mediaHashVisible(actor: Actor): (eb: MediaEb) => Expression<SqlBool> {
  const record = scopeWhere(actor, 'read', 'media');
  if (roleGrants(actor.roles, 'read', 'signal') === null) return record;
  return (eb) =>
    eb.or([
      record(eb),
      eb.exists(
        eb
          .selectFrom('links')
          .innerJoin('series', 'series.id', 'links.to_id')
          .select('links.id')
          .whereRef('links.from_id', '=', 'media.id')
          .where('links.from_kind', '=', 'media')
          .where('links.to_kind', '=', 'series')
          .where('links.relation', '=', SERIES_MEMBER_RELATION)
          .where('series.sharing', '=', 'hash_only'),
      ),
    ]);
}

export class LookupRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly dialect: DialectName,
  ) {}

  /** Whether any media or entry holds this digest, whoever may see it. */
  async anyDigest(column: DigestColumn, value: string): Promise<boolean> {
    return (await ANY_DIGEST[column].execute(this.db, this.dialect, [value, value])).length > 0;
  }

  async mediaByDigest(actor: Actor, column: DigestColumn, values: readonly string[]): Promise<MediaHitRow[]> {
    if (effectiveRoles(actor.roles).includes('partner')) return [];
    const out: MediaHitRow[] = [];
    for (const part of chunk(values, IN_LIST_CHUNK)) {
      const rows = await this.db
        .selectFrom('media')
        .select(['media.id as id', `media.${column} as value`])
        .select(readableFlag(actor, 'media', 'visible'))
        .where(`media.${column}`, 'in', part)
        .where(mediaHashVisible(actor))
        .execute();
      for (const r of rows) out.push({ mediaId: r.id, value: r.value, recordVisible: Number(r.visible) === 1 });
    }
    return out;
  }

  async mediaByIds(actor: Actor, ids: readonly number[]): Promise<MediaHitRow[]> {
    if (effectiveRoles(actor.roles).includes('partner')) return [];
    const out: MediaHitRow[] = [];
    for (const part of chunk(ids, IN_LIST_CHUNK)) {
      const rows = await this.db
        .selectFrom('media')
        .select('media.id as id')
        .select(readableFlag(actor, 'media', 'visible'))
        .where('media.id', 'in', part)
        .where(mediaHashVisible(actor))
        .execute();
      for (const r of rows) out.push({ mediaId: r.id, value: '', recordVisible: Number(r.visible) === 1 });
    }
    return out;
  }

  /** The series the actor may see that each media is a member of. */
  async seriesOf(actor: Actor, mediaIds: readonly number[]): Promise<SeriesRow[]> {
    const out: SeriesRow[] = [];
    for (const part of chunk(mediaIds, IN_LIST_CHUNK)) {
      const rows = await this.db
        .selectFrom('series')
        .innerJoin('links', 'links.to_id', 'series.id')
        .leftJoin('category_values', 'category_values.id', 'series.category_value_id')
        .leftJoin('category_schemes', 'category_schemes.id', 'category_values.scheme_id')
        .select([
          'links.from_id as media_id',
          'series.id as id',
          'series.reference',
          'series.title',
          'category_values.code as category_code',
          'category_values.label as category_label',
          'category_schemes.code as scheme_code',
        ])
        .where('links.from_kind', '=', 'media')
        .where('links.to_kind', '=', 'series')
        .where('links.relation', '=', SERIES_MEMBER_RELATION)
        .where('links.from_id', 'in', part)
        .where(scopeWhere(actor, 'read', 'series'))
        .orderBy('series.id')
        .execute();
      for (const r of rows) {
        out.push({ mediaId: r.media_id, id: r.id, reference: r.reference, title: r.title, category: categoryOf(r) });
      }
    }
    return out;
  }

  /**
   * Victim counts (linked, identified) per series id, for series the caller already may see (the
   * ids come from `seriesOf`); a series with no victims is absent. The same counts as a series'
   * detail shows its readers.
   */
  async victimCountsOf(seriesIds: readonly number[]): Promise<Map<number, VictimCounts>> {
    const out = new Map<number, VictimCounts>();
    for (const part of chunk(seriesIds, IN_LIST_CHUNK)) {
      const pairs = this.db
        .selectFrom('links')
        .innerJoin('victims', 'victims.id', 'links.to_id')
        .select(['links.from_id as series_id', 'victims.id as victim_id', 'victims.identified_at'])
        .where('links.from_kind', '=', 'series')
        .where('links.to_kind', '=', 'victim')
        .where('links.from_id', 'in', part)
        .unionAll(
          this.db
            .selectFrom('links')
            .innerJoin('victims', 'victims.id', 'links.from_id')
            .select(['links.to_id as series_id', 'victims.id as victim_id', 'victims.identified_at'])
            .where('links.from_kind', '=', 'victim')
            .where('links.to_kind', '=', 'series')
            .where('links.to_id', 'in', part),
        );
      const rows = await this.db
        .selectFrom(pairs.as('p'))
        .select((eb) => [
          'p.series_id',
          eb.fn.count('p.victim_id').distinct().as('total'),
          eb.fn
            .count(eb.case().when('p.identified_at', 'is not', null).then(eb.ref('p.victim_id')).end())
            .distinct()
            .as('identified'),
        ])
        .groupBy('p.series_id')
        .execute();
      for (const r of rows) out.set(r.series_id, { total: Number(r.total), identified: Number(r.identified) });
    }
    return out;
  }

  /** Entries holding one of `values` in `column`, in sets whose hashes the actor may see. */
  entriesByHash(
    actor: Actor,
    column: EntryHashColumn,
    values: readonly string[],
    partnerLevelsOnly = false,
  ): Promise<EntryHitRow[]> {
    return readEntries(
      this.db,
      actor,
      partnerLevelsOnly,
      values,
      (part) => (eb) => eb(`hash_set_entries.${column}`, 'in', part),
      (hashes) => hashes[column] ?? '',
    );
  }

  entriesByIds(actor: Actor, ids: readonly number[], partnerLevelsOnly = false): Promise<EntryHitRow[]> {
    return readEntries(
      this.db,
      actor,
      partnerLevelsOnly,
      ids,
      (part) => (eb) => eb('hash_set_entries.id', 'in', part),
      () => '',
    );
  }
}
