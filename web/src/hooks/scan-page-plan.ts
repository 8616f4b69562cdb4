/**
 * Which page of a long list of scan results to fetch next, and how (issue #9: a jump to the end of
 * 10,000 results must not follow 49 cursors first). Rows are kept by position, in pages of a fixed
 * size keyed by page number; a page not loaded yet is a hole. Of the pages a range of positions
 * needs, the one nearest the view comes first (ties: the earlier one, so the next can follow its
 * cursor). A page whose previous page is loaded is fetched by that page's cursor, so reading on
 * stays consistent while a scan adds results; any other by its offset. Once a page has said the
 * list ends (no next cursor), nothing after it is fetched.
 */

/** Results per page read in review order (the API's largest): the triage, the grid and the media page. */
export const SCAN_PAGE = 200;

export interface HeldPage<T> {
  rows: readonly T[];
  nextCursor: string | null;
}

/** What to ask for: page `page`, after `cursor` or from `offset`. */
export type PageFetch = { page: number; cursor: string } | { page: number; offset: number };

/** An inclusive range of positions. */
export interface Span {
  first: number;
  last: number;
}

/** How many rows the list holds, once a loaded page has shown where it ends; null until then. */
export function knownEnd<T>(pages: ReadonlyMap<number, HeldPage<T>>, size: number): number | null {
  let end: number | null = null;
  for (const [n, p] of pages) {
    if (p.nextCursor !== null) continue;
    const here = n * size + p.rows.length;
    // An empty page past the end (fetched by offset) says only that the list ends before it.
    if (p.rows.length === 0 && n > 0) continue;
    end = end === null ? here : Math.min(end, here);
  }
  return end;
}

/** The next page `want` needs (pages nearest `view` first), or null when all it needs are held. */
export function nextFetch<T>(
  pages: ReadonlyMap<number, HeldPage<T>>,
  size: number,
  want: Span,
  view: Span = want,
): PageFetch | null {
  if (want.last < want.first) return null;
  const end = knownEnd(pages, size);
  const lastPage = Math.floor((end === null ? want.last : Math.min(want.last, end - 1)) / size);
  const firstView = Math.floor(view.first / size);
  const lastView = Math.floor(view.last / size);
  const distance = (n: number) => (n < firstView ? firstView - n : n > lastView ? n - lastView : 0);
  let best: number | null = null;
  for (let n = Math.max(0, Math.floor(want.first / size)); n <= lastPage; n++) {
    if (pages.has(n) || hasEmptyBefore(pages, n)) continue;
    if (best === null || distance(n) < distance(best)) best = n;
  }
  if (best === null) return null;
  const before = pages.get(best - 1);
  if (before?.nextCursor) return { page: best, cursor: before.nextCursor };
  return { page: best, offset: best * size };
}

/** Whether a page before `n` came back empty: the list ends before it, so `n` holds nothing either. */
function hasEmptyBefore<T>(pages: ReadonlyMap<number, HeldPage<T>>, n: number): boolean {
  for (const [m, p] of pages) if (m < n && p.rows.length === 0) return true;
  return false;
}

/** The rows held, by position: a sparse array whose holes are the positions not loaded yet. */
export function rowsByPosition<T>(pages: ReadonlyMap<number, HeldPage<T>>, size: number): (T | undefined)[] {
  let length = 0;
  for (const [n, p] of pages) length = Math.max(length, n * size + p.rows.length);
  const rows = new Array<T | undefined>(length);
  for (const [n, p] of pages) {
    for (const [i, row] of p.rows.entries()) rows[n * size + i] = row;
  }
  return rows;
}

/** Every page from the first through the list's end is held: nothing more to fetch. */
export function allHeld<T>(pages: ReadonlyMap<number, HeldPage<T>>, size: number): boolean {
  const end = knownEnd(pages, size);
  if (end === null) return false;
  for (let n = 0; n * size < end; n++) if (!pages.has(n)) return false;
  return true;
}

/** The rows of a list by position, holes skipped: what a next/previous list is made of. */
export function heldRows<T>(rows: readonly (T | undefined)[]): T[] {
  return rows.filter((r): r is T => r !== undefined);
}
