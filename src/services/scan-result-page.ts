/**
 * One page of an exhibit's scan results as asked (scan-result-order.ts): by status, in id or
 * review order. A review-order page reads the asked statuses from the cursor's one on, each an
 * index range, until the page is full. The narrowing filters (scan-result-narrowing.ts) apply to
 * every step alike, so paging and review order hold under them. A page may start at a position
 * instead (`offset`): in id order an OFFSET; in review order the counts by status under the filters
 * (the caller's, if it has them) say which status holds the position and how far into it, and
 * the page reads on from there as one after a cursor would. Its nextCursor continues as usual.
 * I/O through the repository; the caller audits the page.
 */
import type { ExhibitFilesRepository, ScanResultItem } from '../storage/exhibit-files.repository.js';
import { type CursorPage, pageOf } from './cursor-page.js';
import { scanFilterOf } from './scan-result-narrowing.js';
import {
  checkOneStart,
  idKeyOf,
  REVIEW_ORDER,
  reviewCursorOf,
  reviewKeyOf,
  type ScanResultRequest,
  startOf,
  statusesOf,
} from './scan-result-order.js';

export type { ScanResultRequest } from './scan-result-order.js';

export async function scanResultPage(
  files: ExhibitFilesRepository,
  exhibitId: number,
  agencyId: number,
  page: ScanResultRequest,
  counts?: Readonly<Record<string, number>>,
): Promise<CursorPage<ScanResultItem>> {
  checkOneStart(page);
  const statuses = statusesOf(page.status);
  const filter = scanFilterOf(page);
  const skip = page.offset ?? 0;
  if (page.order !== 'review') {
    const only = statuses.length === REVIEW_ORDER.length ? null : statuses;
    const after = idKeyOf(page.cursor);
    const rows = await files.scanResults(exhibitId, agencyId, after, page.limit, only, filter, skip);
    return pageOf(rows, page.limit, (s) => s.id);
  }
  if (page.offset !== undefined) {
    const start = startOf(statuses, counts ?? (await files.scanStatusCounts(exhibitId, agencyId, filter)), skip);
    if (start === null) return { items: [], nextCursor: null };
    const segments = statuses
      .slice(statuses.indexOf(start.status))
      .map((status) => ({ status, after: null, skip: status === start.status ? start.skip : 0 }));
    const rows = await files.scanResultsBySegment(exhibitId, agencyId, segments, page.limit, filter);
    return pageOf(rows, page.limit, reviewCursorOf);
  }
  const key = reviewKeyOf(page.cursor);
  const segments = statuses
    .map((status) => ({ status, rank: REVIEW_ORDER.indexOf(status) }))
    .filter((s) => key === null || s.rank >= key.rank)
    .map((s) => ({ status: s.status, after: key !== null && s.rank === key.rank ? key.id : null }));
  const rows = await files.scanResultsBySegment(exhibitId, agencyId, segments, page.limit, filter);
  return pageOf(rows, page.limit, reviewCursorOf);
}
