/**
 * Pages of media hashes for hash-list exports: the media sighted in one of the agency's cases,
 * or the members of one of its series. Hashes only (MD5, SHA-1, SHA-256 and the PDQ with its
 * quality): nothing here reads paths, names or metadata. I/O only.
 */
import type { ExpressionOrFactory, Kysely, SqlBool } from 'kysely';
import type { VideoMatchDetails } from '../domain/match.record.js';
import { mergeRanges, type TimeRange } from '../matching/time-ranges.js';
import type { VigilSchema } from './schema.js';

export interface MediaHashes {
  id: number;
  md5: string;
  sha1: string;
  sha256: string;
  pdq: string | null;
  pdqQuality: number | null;
}

export class MediaExportRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  /**
   * Per media, where in it the agency's video matches (kind `vpdq`, not rejected) lie: the
   * `queryRanges` of their details, merged. Media without such a match are absent.
   */
  async videoSegments(agencyId: number, mediaIds: readonly number[]): Promise<Map<number, TimeRange[]>> {
    const found = new Map<number, TimeRange[]>();
    if (mediaIds.length === 0) return found;
    const rows = await this.db
      .selectFrom('matches')
      .select(['media_id', 'details'])
      .where('agency_id', '=', agencyId)
      .where('kind', '=', 'vpdq')
      .where('verdict', '!=', 'rejected')
      .where('details', 'is not', null)
      .where('media_id', 'in', [...mediaIds])
      .execute();
    for (const r of rows) {
      const ranges = (JSON.parse(r.details as string) as VideoMatchDetails).queryRanges;
      found.set(Number(r.media_id), [...(found.get(Number(r.media_id)) ?? []), ...ranges]);
    }
    for (const [id, ranges] of found) found.set(id, mergeRanges(ranges));
    return found;
  }

  /** Media with a sighting in an exhibit of the agency's case `reference`, in id order after `afterId`. */
  async caseMedia(agencyId: number, reference: string, afterId: number, limit = 1_000): Promise<MediaHashes[]> {
    return this.page(afterId, limit, ({ exists, selectFrom }) =>
      exists(
        selectFrom('sightings')
          .innerJoin('exhibits', 'exhibits.id', 'sightings.exhibit_id')
          .innerJoin('cases', 'cases.id', 'exhibits.case_id')
          .select('sightings.id')
          .whereRef('sightings.media_id', '=', 'media.id')
          .where('cases.agency_id', '=', agencyId)
          .where('cases.reference', '=', reference),
      ),
    );
  }

  /** Members (`member` links) of the agency's series `reference`, in id order after `afterId`. */
  async seriesMedia(agencyId: number, reference: string, afterId: number, limit = 1_000): Promise<MediaHashes[]> {
    return this.page(afterId, limit, ({ exists, selectFrom }) =>
      exists(
        selectFrom('links')
          .innerJoin('series', 'series.id', 'links.to_id')
          .select('links.id')
          .where('links.from_kind', '=', 'media')
          .whereRef('links.from_id', '=', 'media.id')
          .where('links.to_kind', '=', 'series')
          .where('links.relation', '=', 'member')
          .where('series.agency_id', '=', agencyId)
          .where('series.reference', '=', reference),
      ),
    );
  }

  /** One id-ordered page of media that `belongs` selects, with their PDQ. */
  private async page(
    afterId: number,
    limit: number,
    belongs: ExpressionOrFactory<VigilSchema, 'media', SqlBool>,
  ): Promise<MediaHashes[]> {
    const rows = await this.db
      .selectFrom('media')
      .select(['media.id', 'media.md5', 'media.sha1', 'media.sha256'])
      .where('media.id', '>', afterId)
      .where(belongs)
      .orderBy('media.id')
      .limit(limit)
      .execute();
    return this.withPdq(rows);
  }

  async caseExists(agencyId: number, reference: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('cases')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where('reference', '=', reference)
      .executeTakeFirst();
    return row !== undefined;
  }

  async seriesExists(agencyId: number, reference: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('series')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where('reference', '=', reference)
      .executeTakeFirst();
    return row !== undefined;
  }

  private async withPdq(rows: { id: number; md5: string; sha1: string; sha256: string }[]): Promise<MediaHashes[]> {
    if (rows.length === 0) return [];
    const pdq = await this.db
      .selectFrom('signals')
      .select(['media_id', 'value', 'quality'])
      .where('type', '=', 'pdq')
      .where(
        'media_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('id')
      .execute();
    const first = new Map<number, { value: string; quality: number | null }>();
    for (const p of pdq) if (!first.has(p.media_id)) first.set(p.media_id, { value: p.value, quality: p.quality });
    return rows.map((r) => ({
      ...r,
      pdq: first.get(r.id)?.value ?? null,
      pdqQuality: first.get(r.id)?.quality ?? null,
    }));
  }
}
