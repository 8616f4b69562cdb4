/**
 * One page of an exhibit's scan results as asked (scan-result-order.ts): by status, in id or
 * review order. A review-order page reads the asked statuses from the cursor's one on, each an
 * index range, until the page is full. The narrowing filters (scan-result-narrowing.ts) apply to
 * every step alike, so paging and review order hold under them. I/O through the repository; the
 * caller audits the page.
 */
import type { ExhibitFilesRepository, ScanResultItem } from '../storage/exhibit-files.repository.js';
import { type CursorPage, pageOf } from './cursor-page.js';
import { scanFilterOf } from './scan-result-narrowing.js';
import {
  idKeyOf,
  REVIEW_ORDER,
  reviewCursorOf,
  reviewKeyOf,
  type ScanResultRequest,
  statusesOf,
} from './scan-result-order.js';

export type { ScanResultRequest } from './scan-result-order.js';

export async function scanResultPage(
  files: ExhibitFilesRepository,
  exhibitId: number,
  agencyId: number,
  page: ScanResultRequest,
): Promise<CursorPage<ScanResultItem>> {
  const statuses = statusesOf(page.status);
  const filter = scanFilterOf(page);
  if (page.order !== 'review') {
    const only = statuses.length === REVIEW_ORDER.length ? null : statuses;
    const rows = await files.scanResults(exhibitId, agencyId, idKeyOf(page.cursor), page.limit, only, filter);
    return pageOf(rows, page.limit, (s) => s.id);
  }
  const key = reviewKeyOf(page.cursor);
  const segments = statuses
    .map((status) => ({ status, rank: REVIEW_ORDER.indexOf(status) }))
    .filter((s) => key === null || s.rank >= key.rank)
    .map((s) => ({ status: s.status, after: key !== null && s.rank === key.rank ? key.id : null }));
  const rows = await files.scanResultsBySegment(exhibitId, agencyId, segments, page.limit, filter);
  return pageOf(rows, page.limit, reviewCursorOf);
}
