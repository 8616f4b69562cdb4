/**
 * What an exhibit holds, a page at a time: its sightings (each media seen in it, at which path,
 * with the file's times) and its scan results (every file a scan finished with, identified or
 * not). Both carry evidence paths, so callers audit every page they hand out. I/O only: the
 * caller passes the access scope of sightings.
 */
import type { Kysely } from 'kysely';
import type { ScopeWhere } from '../access/scope-query.js';
import { NO_SCAN_FILTER, narrows, type ScanResultFilter, scanFilterWhere } from './scan-result-filter.js';
import type { VigilSchema } from './schema.js';

export type { ScanResultFilter } from './scan-result-filter.js';

export interface SightingItem {
  id: number;
  agencyId: number;
  mediaId: number;
  sha256: string;
  mime: string | null;
  /** Path within the exhibit (evidence: never logged). */
  path: string;
  fileCreatedAt: number | null;
  fileModifiedAt: number | null;
  fileAccessedAt: number | null;
  seenAt: number;
}

export interface ScanResultItem {
  id: number;
  path: string;
  status: string;
  reasons: string[];
  mediaId: number | null;
  sha256: string | null;
  size: number | null;
  scannedAt: number;
  /** What the triage filters by: the media's camera serial, capture time as the file states it
   *  (local, no zone), whether it has a GPS position, and the reading agency's own category. */
  cameraSerial: string | null;
  takenAtLocal: string | null;
  hasGps: boolean;
  category: { code: string; label: string } | null;
}

export class ExhibitFilesRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  /** Up to `limit + 1` sightings of the exhibit after id `after`, in the order they were recorded. */
  async sightings(
    scope: ScopeWhere<'sighting'>,
    exhibitId: number,
    after: number | null,
    limit: number,
  ): Promise<SightingItem[]> {
    const rows = await this.db
      .selectFrom('sightings')
      .where(scope)
      .innerJoin('media', 'media.id', 'sightings.media_id')
      .selectAll('sightings')
      .select(['media.sha256', 'media.mime'])
      .where('sightings.exhibit_id', '=', exhibitId)
      .$if(after !== null, (q) => q.where('sightings.id', '>', after ?? 0))
      .orderBy('sightings.id')
      .limit(limit + 1)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      agencyId: r.agency_id,
      mediaId: r.media_id,
      sha256: r.sha256,
      mime: r.mime,
      path: r.path,
      fileCreatedAt: r.file_created_at,
      fileModifiedAt: r.file_modified_at,
      fileAccessedAt: r.file_accessed_at,
      seenAt: r.seen_at,
    }));
  }

  /**
   * Up to `limit + 1` scan results of the exhibit after id `after`, in the order they finished,
   * with their media's filterable facts (the category is `agencyId`'s own); only `statuses` if
   * given, and only those `filter` keeps; the first `skip` of them passed over (a page that starts
   * at a position). One status reads the (exhibit_id, status, id) index in order.
   */
  async scanResults(
    exhibitId: number,
    agencyId: number,
    after: number | null,
    limit: number,
    statuses: readonly string[] | null = null,
    filter: ScanResultFilter = NO_SCAN_FILTER,
    skip = 0,
  ): Promise<ScanResultItem[]> {
    const rows = await this.scanResultsQuery(exhibitId, agencyId, after, limit, statuses, filter, skip).execute();
    return rows.map(scanResultOf);
  }

  /**
   * The camera serials of the exhibit's scanned files, with how many files each took, most first
   * (then by serial); at most `limit` of them.
   */
  async cameraSerials(exhibitId: number, limit: number): Promise<{ serial: string; files: number }[]> {
    const rows = await this.db
      .selectFrom('scan_files as f')
      .innerJoin('media_metadata as m', 'm.media_id', 'f.media_id')
      .select(['m.camera_serial as serial', (eb) => eb.fn.countAll<number>().as('files')])
      .where('f.exhibit_id', '=', exhibitId)
      .where('m.camera_serial', 'is not', null)
      .where('m.camera_serial', '<>', '')
      .groupBy('m.camera_serial')
      .orderBy('files', 'desc')
      .orderBy('m.camera_serial')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ serial: r.serial ?? '', files: Number(r.files) }));
  }

  /** How many of the exhibit's scan results `filter` keeps, by status (statuses with none left out). */
  async scanStatusCounts(
    exhibitId: number,
    agencyId: number,
    filter: ScanResultFilter = NO_SCAN_FILTER,
  ): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('scan_files as f')
      .leftJoin('media_metadata as m', 'm.media_id', 'f.media_id')
      .leftJoin('media_categories as c', (join) =>
        join.onRef('c.media_id', '=', 'f.media_id').on('c.agency_id', '=', agencyId),
      )
      .leftJoin('category_values as v', 'v.id', 'c.category_value_id')
      .select(['f.status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('f.exhibit_id', '=', exhibitId)
      .$if(narrows(filter), (q) => q.where((eb) => scanFilterWhere(eb, filter)))
      .groupBy('f.status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /**
   * Up to `limit + 1` scan results read segment after segment — each one status, after an id, from
   * its start or `skip` results into it — until the page is full: a review-order page, each step an
   * index range.
   */
  async scanResultsBySegment(
    exhibitId: number,
    agencyId: number,
    segments: readonly { status: string; after: number | null; skip?: number }[],
    limit: number,
    filter: ScanResultFilter = NO_SCAN_FILTER,
  ): Promise<ScanResultItem[]> {
    const out: ScanResultItem[] = [];
    for (const { status, after, skip = 0 } of segments) {
      const rows = await this.scanResults(exhibitId, agencyId, after, limit - out.length, [status], filter, skip);
      out.push(...rows);
      if (out.length > limit) break;
    }
    return out;
  }

  /** The query of scanResults, unrun (its plan is checked in test/medium/scan-result-indexes.test.ts). */
  scanResultsQuery(
    exhibitId: number,
    agencyId: number,
    after: number | null,
    limit: number,
    statuses: readonly string[] | null,
    filter: ScanResultFilter = NO_SCAN_FILTER,
    skip = 0,
  ) {
    return this.db
      .selectFrom('scan_files as f')
      .leftJoin('media_metadata as m', 'm.media_id', 'f.media_id')
      .leftJoin('media_categories as c', (join) =>
        join.onRef('c.media_id', '=', 'f.media_id').on('c.agency_id', '=', agencyId),
      )
      .leftJoin('category_values as v', 'v.id', 'c.category_value_id')
      .select(['f.id', 'f.path', 'f.status', 'f.reasons', 'f.media_id', 'f.sha256', 'f.size', 'f.scanned_at'])
      .select(['m.camera_serial', 'm.taken_at_local', 'm.gps_latitude', 'v.code', 'v.label'])
      .where('f.exhibit_id', '=', exhibitId)
      .$if(statuses !== null && statuses.length === 1, (q) => q.where('f.status', '=', statuses?.[0] ?? ''))
      .$if(statuses !== null && statuses.length > 1, (q) => q.where('f.status', 'in', statuses ?? []))
      .$if(after !== null, (q) => q.where('f.id', '>', after ?? 0))
      .$if(narrows(filter), (q) => q.where((eb) => scanFilterWhere(eb, filter)))
      .orderBy('f.id')
      .limit(limit + 1)
      .$if(skip > 0, (q) => q.offset(skip));
  }

  async sightingCount(exhibitId: number): Promise<number> {
    const row = await this.db
      .selectFrom('sightings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('exhibit_id', '=', exhibitId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

/** A row of scanResultsQuery, as the query gives it. */
type ScanRow = Awaited<ReturnType<ReturnType<ExhibitFilesRepository['scanResultsQuery']>['execute']>>[number];

function scanResultOf(r: ScanRow): ScanResultItem {
  return {
    cameraSerial: r.camera_serial ?? null,
    takenAtLocal: r.taken_at_local ?? null,
    hasGps: r.gps_latitude !== null && r.gps_latitude !== undefined,
    category: r.code ? { code: r.code, label: r.label ?? r.code } : null,
    id: r.id,
    path: r.path,
    status: r.status,
    reasons: JSON.parse(r.reasons) as string[],
    mediaId: r.media_id,
    sha256: r.sha256,
    size: r.size,
    scannedAt: r.scanned_at,
  };
}
