/**
 * Which media are members of a series (links media -> series with relation `member`, owned by the
 * series' agency) and what follows from membership: the agencies holding a series' media (a
 * sighting of a member media) and the series a media belongs to. I/O only; the service decides
 * who may change membership.
 */
import type { Kysely } from 'kysely';
import { chunk, IN_LIST_CHUNK } from './chunks.js';
import type { VigilSchema } from './schema.js';
import { withAppErrors } from './storage-errors.js';
import { inTransaction } from './transaction.js';

/** The relation of a media -> series membership link (scope-query.ts reads the same). */
const SERIES_MEMBER_RELATION = 'member';

/** A series a media is a member of, with the series' owner. */
export interface Membership {
  mediaId: number;
  seriesId: number;
  seriesAgencyId: number;
}

export class SeriesMemberRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds the media not yet members (as links of the owner agency); returns how many were added. */
  add(seriesId: number, ownerAgencyId: number, mediaIds: readonly number[], createdBy: number | null): Promise<number> {
    return withAppErrors('Adding media to a series', () =>
      inTransaction(this.db, async (trx) => {
        const wanted = [...new Set(mediaIds)].sort((a, b) => a - b);
        const present = new Set(await this.members(trx, seriesId, wanted));
        const missing = wanted.filter((id) => !present.has(id));
        const at = this.now();
        for (const part of chunk(missing, IN_LIST_CHUNK)) {
          await trx
            .insertInto('links')
            .values(
              part.map((mediaId) => ({
                agency_id: ownerAgencyId,
                from_kind: 'media',
                from_id: mediaId,
                to_kind: 'series',
                to_id: seriesId,
                relation: SERIES_MEMBER_RELATION,
                created_by: createdBy,
                created_at: at,
              })),
            )
            .execute();
        }
        return missing.length;
      }),
    );
  }

  /** Removes the media from the series; returns how many were members. */
  async remove(seriesId: number, mediaIds: readonly number[]): Promise<number> {
    let removed = 0;
    for (const part of chunk([...new Set(mediaIds)], IN_LIST_CHUNK)) {
      const result = await this.memberLinks(this.db, seriesId).where('from_id', 'in', part).executeTakeFirst();
      removed += Number(result.numDeletedRows);
    }
    return removed;
  }

  /** Member media ids in id order after `afterMediaId`, at most `limit`. */
  async page(seriesId: number, afterMediaId: number, limit: number): Promise<number[]> {
    const rows = await seriesMemberRows(this.db, seriesId)
      .select('from_id')
      .where('from_id', '>', afterMediaId)
      .orderBy('from_id')
      .limit(limit)
      .execute();
    return rows.map((r) => Number(r.from_id));
  }

  async count(seriesId: number): Promise<number> {
    const row = await seriesMemberRows(this.db, seriesId)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Agencies with a sighting of at least one member media of the series. */
  async holders(seriesId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('sightings')
      .innerJoin('links', 'links.from_id', 'sightings.media_id')
      .select('sightings.agency_id')
      .distinct()
      .where('links.from_kind', '=', 'media')
      .where('links.to_kind', '=', 'series')
      .where('links.to_id', '=', seriesId)
      .where('links.relation', '=', SERIES_MEMBER_RELATION)
      .orderBy('sightings.agency_id')
      .execute();
    return rows.map((r) => r.agency_id);
  }

  /** The series each of these media is a member of. */
  async seriesOf(mediaIds: readonly number[]): Promise<Membership[]> {
    const out: Membership[] = [];
    for (const part of chunk([...new Set(mediaIds)], IN_LIST_CHUNK)) {
      const rows = await this.db
        .selectFrom('links')
        .innerJoin('series', 'series.id', 'links.to_id')
        .select(['links.from_id as mediaId', 'series.id as seriesId', 'series.agency_id as seriesAgencyId'])
        .where('links.from_kind', '=', 'media')
        .where('links.from_id', 'in', part)
        .where('links.to_kind', '=', 'series')
        .where('links.relation', '=', SERIES_MEMBER_RELATION)
        .orderBy('series.id')
        .execute();
      out.push(...rows);
    }
    return out;
  }

  private async members(db: Kysely<VigilSchema>, seriesId: number, mediaIds: readonly number[]): Promise<number[]> {
    const found: number[] = [];
    for (const part of chunk(mediaIds, IN_LIST_CHUNK)) {
      const rows = await seriesMemberRows(db, seriesId).select('from_id').where('from_id', 'in', part).execute();
      found.push(...rows.map((r) => r.from_id));
    }
    return found;
  }

  /** A delete of the series' `member` links (narrow it further with `where`). */
  private memberLinks(db: Kysely<VigilSchema>, seriesId: number) {
    return db.deleteFrom('links').where('id', 'in', seriesMemberRows(db, seriesId).select('id'));
  }
}

/** The `member` links of media to the series (select what is needed from them; `from_id` is the media). */
export function seriesMemberRows(db: Kysely<VigilSchema>, seriesId: number) {
  return db
    .selectFrom('links')
    .where('to_kind', '=', 'series')
    .where('to_id', '=', seriesId)
    .where('from_kind', '=', 'media')
    .where('relation', '=', SERIES_MEMBER_RELATION);
}
