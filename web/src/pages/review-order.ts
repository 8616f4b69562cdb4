/**
 * The list the media page steps through, handed to it by the page that opened it (sessionStorage:
 * this tab only, gone when it closes) so ← → step through the same list: an exhibit's review order
 * (the triage and the review grid) or a series' gallery. Esc and the back link return there.
 *
 * An exhibit's list is kept by position, as the page that opened it had read it (a grid after a
 * jump holds its first and last pages and nothing between), with the hub query it was read with:
 * a step that reaches a position not read yet says which page to fetch (`stepList`), and the
 * fetched page fills it in (`withPage`), so ← → go through every row, not only those loaded.
 */
import { SCAN_PAGE } from '../hooks/scan-page-plan.js';
import { keepInTab, readTab } from './tab-storage.js';
import type { ScanQuery } from './triage-filter.js';

const KEY = 'vigil.review-order';
/** Rows per page fetched by the media page: the pages the grid and the triage read. */
export const LIST_PAGE = SCAN_PAGE;

export interface ReviewOrder {
  /** The exhibit whose review order this is; 0 when it is a series' gallery. */
  exhibitId: number;
  /** The series whose gallery this is, when it is one. */
  seriesId?: number;
  /** The media in order (a gallery: all of them; an exhibit: those read, when there is no `list`). */
  ids: number[];
  /** An exhibit's review order by position (see above). */
  list?: ReviewList;
  /** Opened from the exhibit's review grid: back goes there, and the grid returns to `list.at`. */
  fromGrid?: boolean;
}

export interface ReviewList {
  /** The hub query (status and narrowing filters) the rows were read with. */
  query: ScanQuery;
  /** Per position: the media id, 0 for a row without one (it could not be read), null where not read yet. */
  rows: Array<number | null>;
  /** How many rows the list holds, once known. */
  total: number | null;
  /** The position opened, or last stepped to. */
  at: number;
}

/** Where a step goes: to a media at a position, first to the hub for a page, or nowhere. */
export type ListStep = { kind: 'go'; id: number; at: number } | { kind: 'fetch'; offset: number } | { kind: 'end' };

export function saveReviewOrder(order: ReviewOrder): void {
  keepInTab(KEY, order);
}

/** The saved order, or null when there is none or what is stored is not one (older or edited). */
export function readReviewOrder(): ReviewOrder | null {
  const parsed = readTab(KEY) as Partial<ReviewOrder> | null;
  if (!parsed || typeof parsed !== 'object') return null;
  if (!Number.isInteger(parsed.exhibitId) || !Array.isArray(parsed.ids)) return null;
  if (!parsed.ids.every((id) => Number.isInteger(id))) return null;
  if (parsed.seriesId !== undefined && !Number.isInteger(parsed.seriesId)) return null;
  if (parsed.list !== undefined && !isList(parsed.list)) return null;
  if (parsed.fromGrid !== undefined && typeof parsed.fromGrid !== 'boolean') return null;
  return parsed as ReviewOrder;
}

/** Where "back" goes from the media page, and what it is: the grid, the exhibit, the series, or nowhere. */
export function reviewBack(order: ReviewOrder | null): { path: string; to: 'grid' | 'exhibit' | 'series' } | null {
  if (order && order.exhibitId > 0 && order.fromGrid)
    return { path: `/exhibits/${order.exhibitId}/review`, to: 'grid' };
  if (order && order.exhibitId > 0) return { path: `/exhibits/${order.exhibitId}`, to: 'exhibit' };
  if (order?.seriesId !== undefined && order.seriesId > 0) return { path: `/series/${order.seriesId}`, to: 'series' };
  return null;
}

function isList(list: unknown): list is ReviewList {
  const l = list as Partial<ReviewList> | null;
  return (
    !!l &&
    typeof l.query === 'object' &&
    l.query !== null &&
    Array.isArray(l.rows) &&
    l.rows.every((r) => r === null || (Number.isInteger(r) && r >= 0)) &&
    (l.total === null || (Number.isInteger(l.total) && (l.total ?? -1) >= 0)) &&
    Number.isInteger(l.at)
  );
}

/**
 * The next media from the list's position `at` in direction `by`, passing rows without a media and
 * rows of the media shown (`current`; the same file can sit at two paths); a position not read yet
 * asks for its page first. When `current` is not at `at` (the page was opened some other way), the
 * step starts from where `current` first appears, and goes nowhere if it is not in the list.
 */
export function stepList(list: ReviewList, current: number, by: -1 | 1): ListStep {
  const at = list.rows[list.at] === current ? list.at : list.rows.indexOf(current);
  if (at < 0) return { kind: 'end' };
  for (let p = at + by; p >= 0 && (list.total === null || p < list.total); p += by) {
    const id = list.rows[p];
    if (id === null || id === undefined) return { kind: 'fetch', offset: Math.floor(p / LIST_PAGE) * LIST_PAGE };
    if (id > 0 && id !== current) return { kind: 'go', id, at: p };
  }
  return { kind: 'end' };
}

/**
 * The list with the page read from `offset` filled in (media ids, null for a row without one); a
 * page shorter than LIST_PAGE, or one that says nothing follows it, tells where the list ends.
 */
export function withPage(list: ReviewList, offset: number, mediaIds: Array<number | null>, last: boolean): ReviewList {
  const rows = list.rows.slice();
  while (rows.length < offset) rows.push(null);
  mediaIds.forEach((id, i) => {
    rows[offset + i] = id ?? 0;
  });
  const ends = last || mediaIds.length < LIST_PAGE;
  const total = ends ? offset + mediaIds.length : list.total;
  return { ...list, rows: total === null ? rows : rows.slice(0, total), total };
}

/** A list at position `at` of the rows as a page holds them (undefined: not loaded yet). */
export function listOf(
  query: ScanQuery,
  rows: ReadonlyArray<{ mediaId: number | null } | undefined>,
  at: number,
  total: number | null,
): ReviewList {
  return { query, rows: Array.from(rows, (r) => (r === undefined ? null : (r.mediaId ?? 0))), total, at };
}

/** Where the exhibit's review grid was left (the position of the media last opened or stepped to from it), or null. */
export function gridPosition(order: ReviewOrder | null, exhibitId: number): number | null {
  if (!order?.fromGrid || order.exhibitId !== exhibitId || !order.list) return null;
  return order.list.at;
}
