/**
 * Keyset paging for lists that grow without bound (cases, sightings, scan results, the audit log):
 * a page is read as "the next `limit` rows after key K" in the list's order, so page 1,000 costs
 * what page 1 costs, and rows added meanwhile neither repeat nor shift the pages. The cursor is
 * the last key of the page, as text; clients pass back `nextCursor` as they got it.
 */
import { AppError } from '../domain/app-error.js';

export interface CursorPage<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface CursorRequest {
  limit: number;
  cursor?: string | undefined;
}

/** The key after which the page starts, or null for the first page. */
export function afterKey(cursor: string | undefined): number | null {
  if (cursor === undefined || cursor === '') return null;
  if (!/^[0-9]{1,15}$/.test(cursor)) {
    throw new AppError('bad-usage', 'The cursor is not one this API gave; pass nextCursor from the previous page.');
  }
  return Number(cursor);
}

/** A page from `limit + 1` rows read in the list's order (the extra row only says there is more). */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => number | string): CursorPage<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? String(keyOf(last)) : null };
}
