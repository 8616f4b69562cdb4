/**
 * A media as its page shows it: digests and signals, metadata, the caller's sightings of it with
 * their exhibit and case, the caller's matches, the series it belongs to that the caller may see,
 * and whether a thumbnail and the content are stored. I/O only: the caller passes the access
 * scopes (scope-query.ts), applied inside each query.
 */
import type { Kysely } from 'kysely';
import type { ScopeWhere } from '../access/scope-query.js';
import { SERIES_MEMBER_RELATION } from '../access/scope-query.js';
import type { Media, Signal } from '../domain/media.record.js';
import { MEDIA_SELECT } from './media-lookups.js';
import { toMedia, toSignal } from './media-rows.js';
import type { VigilSchema } from './schema.js';

export interface MediaSighting {
  id: number;
  agencyId: number;
  exhibitId: number;
  exhibitLabel: string;
  caseId: number;
  caseReference: string;
  path: string;
  fileCreatedAt: number | null;
  fileModifiedAt: number | null;
  fileAccessedAt: number | null;
  seenAt: number;
}

export interface MediaMatch {
  id: number;
  otherMediaId: number | null;
  hashSetEntryId: number | null;
  kind: string;
  distance: number | null;
  overlap: number | null;
  verdict: string;
  createdAt: number;
}

export interface MediaSeries {
  id: number;
  agencyId: number;
  reference: string;
  title: string;
  status: string;
}

export class MediaViewRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  async media(scope: ScopeWhere<'media'>, id: number): Promise<Media | null> {
    const row = await this.db
      .selectFrom('media')
      .select(MEDIA_SELECT)
      .where('media.id', '=', id)
      .where(scope)
      .executeTakeFirst();
    return row ? toMedia(row) : null;
  }

  async signals(mediaId: number): Promise<Signal[]> {
    const rows = await this.db
      .selectFrom('signals')
      .selectAll()
      .where('media_id', '=', mediaId)
      .orderBy('type')
      .orderBy('id')
      .execute();
    return rows.map(toSignal);
  }

  /** The most recent `limit` sightings in scope, and how many there are in scope. */
  async sightings(
    scope: ScopeWhere<'sighting'>,
    mediaId: number,
    limit: number,
  ): Promise<{ items: MediaSighting[]; total: number }> {
    const base = this.db.selectFrom('sightings').where(scope).where('sightings.media_id', '=', mediaId);
    const rows = await base
      .innerJoin('exhibits', 'exhibits.id', 'sightings.exhibit_id')
      .innerJoin('cases', 'cases.id', 'exhibits.case_id')
      .selectAll('sightings')
      .select(['exhibits.label', 'cases.id as case_id', 'cases.reference'])
      .orderBy('sightings.seen_at', 'desc')
      .orderBy('sightings.id', 'desc')
      .limit(limit)
      .execute();
    const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const items = rows.map((r) => ({
      id: r.id,
      agencyId: r.agency_id,
      exhibitId: r.exhibit_id,
      exhibitLabel: r.label,
      caseId: r.case_id,
      caseReference: r.reference,
      path: r.path,
      fileCreatedAt: r.file_created_at,
      fileModifiedAt: r.file_modified_at,
      fileAccessedAt: r.file_accessed_at,
      seenAt: r.seen_at,
    }));
    return { items, total: Number(count.n) };
  }

  /** Matches in scope with the media on either side, newest first. */
  async matches(scope: ScopeWhere<'match'>, mediaId: number, limit: number): Promise<MediaMatch[]> {
    const rows = await this.db
      .selectFrom('matches')
      .select([
        'id',
        'media_id',
        'other_media_id',
        'hash_set_entry_id',
        'kind',
        'distance',
        'overlap',
        'verdict',
        'created_at',
      ])
      .where(scope)
      .where((eb) => eb.or([eb('matches.media_id', '=', mediaId), eb('matches.other_media_id', '=', mediaId)]))
      .orderBy('matches.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      // Seen from this media: the other side is the other media.
      otherMediaId: r.media_id === mediaId ? r.other_media_id : r.media_id,
      hashSetEntryId: r.hash_set_entry_id,
      kind: r.kind,
      distance: r.distance,
      overlap: r.overlap,
      verdict: r.verdict,
      createdAt: r.created_at,
    }));
  }

  /** Series in scope the media is a member of. */
  async series(scope: ScopeWhere<'series'>, mediaId: number): Promise<MediaSeries[]> {
    return this.db
      .selectFrom('series')
      .select(['series.id', 'series.agency_id as agencyId', 'series.reference', 'series.title', 'series.status'])
      .where(scope)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('links')
            .select('links.id')
            .whereRef('links.to_id', '=', 'series.id')
            .where('links.to_kind', '=', 'series')
            .where('links.from_kind', '=', 'media')
            .where('links.from_id', '=', mediaId)
            .where('links.relation', '=', SERIES_MEMBER_RELATION),
        ),
      )
      .orderBy('series.id')
      .execute();
  }

  /** Whether the agency has a sighting of the media (it "holds" it). */
  async heldBy(mediaId: number, agencyId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('sightings')
      .select('id')
      .where('media_id', '=', mediaId)
      .where('agency_id', '=', agencyId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }
}
