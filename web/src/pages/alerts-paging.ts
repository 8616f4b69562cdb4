/**
 * Paging the alerts inbox with "Show more": pages are asked by offset in the server's order
 * (unread first, then newest), which changes under the reader: an alert marked read moves to the
 * read part, so the alerts after it move up by one place. The page keeps how many of the first
 * places in the order it holds (`covered`), asks the next page from one place earlier per alert
 * marked read since, and as many places longer, and keeps what arrives twice once: then it holds
 * the first `covered` places again (and perhaps some beyond), and nothing is skipped. Pure: no I/O.
 */

/** Alerts asked per page. */
export const ALERTS_PAGE = 50;

/** Most alerts one request may ask for (the API's limit). */
export const MOST_PER_REQUEST = 200;

export interface Window {
  offset: number;
  limit: number;
}

/**
 * The requests for the next page, given how many leading places the page holds: one from
 * `markedRead` places before their end; when so many were marked read that it would not fit in
 * one request, every place up to one page past them again, from the start. After them the page
 * holds the first `coveredAfter(windows)` places.
 */
export function nextWindows(covered: number, markedRead: number): Window[] {
  const back = Math.min(markedRead, covered);
  if (ALERTS_PAGE + back <= MOST_PER_REQUEST) return [{ offset: covered - back, limit: ALERTS_PAGE + back }];
  const out: Window[] = [];
  for (let offset = 0; offset < covered + ALERTS_PAGE; offset += MOST_PER_REQUEST) {
    out.push({ offset, limit: Math.min(MOST_PER_REQUEST, covered + ALERTS_PAGE - offset) });
  }
  return out;
}

/** The leading places held after the windows were fetched (no more than there are). */
export function coveredAfter(windows: readonly Window[], total: number): number {
  const last = windows[windows.length - 1];
  return Math.min(total, last ? last.offset + last.limit : 0);
}

/** The shown alerts followed by a page's, each alert once (the copy shown first stays). */
export function appendPage<T extends { id: number }>(shown: readonly T[], page: readonly T[]): T[] {
  const have = new Set(shown.map((a) => a.id));
  return [...shown, ...page.filter((a) => !have.has(a.id))];
}

/** The shown alerts with one replaced by its new state (e.g. marked read), in place. */
export function replaceAlert<T extends { id: number }>(shown: readonly T[], changed: T): T[] {
  return shown.map((a) => (a.id === changed.id ? changed : a));
}
