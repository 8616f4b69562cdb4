/**
 * An exhibit's scan results in review order (new, near-duplicate, known, error, ignorable), kept by
 * position in pages of 200 and fetched only where the reader is: `want(range, view)` asks for the
 * rows of a range of positions (it replaces the range asked before), and its missing pages come
 * one request at a time, nearest the view first — each by the cursor of the page before it when
 * that one is loaded, else from its offset (scan-page-plan.ts), so a jump to the end of 10,000
 * rows costs a request or two, not 50. Rows not loaded yet are holes in `rows`. A prefix
 * (`{ first: 0, last: n - 1 }`, the triage's "Load more") reads page after page by cursor. A new
 * exhibit, query (status and the hub's narrowing filters) or `fresh` starts afresh; the counts by
 * status (what the filters keep) come with any page fetched without a cursor; a failure stops the
 * fetching and says so.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import type { paths } from '../api/schema';
import type { ScanQuery } from '../pages/triage-filter';
import { allHeld, type HeldPage, nextFetch, rowsByPosition, SCAN_PAGE, type Span } from './scan-page-plan';

type ScanPage = paths['/api/v1/exhibits/{id}/scan-results']['get']['responses'][200]['content']['application/json'];
export type ScanRow = ScanPage['items'][number];
export type { Span } from './scan-page-plan';

export { SCAN_PAGE } from './scan-page-plan';

/** One page of the exhibit's results in review order under `narrowing`: after a cursor, from an offset, or the first. */
export function fetchReviewPage(
  exhibitId: number,
  narrowing: ScanQuery,
  at: { cursor: string } | { offset: number },
): Promise<ScanPage> {
  const from = 'cursor' in at ? { cursor: at.cursor } : at.offset > 0 ? { offset: at.offset } : {};
  const query = { ...narrowing, limit: SCAN_PAGE, order: 'review' as const, ...from };
  return unwrap(api.GET('/api/v1/exhibits/{id}/scan-results', { params: { path: { id: exhibitId }, query } }));
}

interface Paging {
  key: string;
  pages: Map<number, HeldPage<ScanRow>>;
  busy: boolean;
  failed: boolean;
  want: Span;
  view: Span;
}

interface Held {
  /** The rows by position; a position not loaded yet is a hole (undefined). */
  rows: readonly (ScanRow | undefined)[];
  /** How many rows are loaded. */
  loaded: number;
  /** Every row up to the list's end has come. */
  done: boolean;
}

export interface ScanPages extends Held {
  error: string | null;
  /** Counts by status under the query's narrowing filters, from the latest page fetched without a cursor; null until one comes. */
  counts: Record<string, number> | null;
  /** Fetch the rows of `range` (inclusive positions), those nearest `view` (default: the range) first. */
  want(range: Span, view?: Span): void;
}

const NOTHING: Span = { first: 0, last: -1 };
const EMPTY: Held = { rows: [], loaded: 0, done: false };

function startOf(key: string): Paging {
  return { key, pages: new Map(), busy: false, failed: false, want: NOTHING, view: NOTHING };
}

/** `query`: a status (or comma list) and the narrowing filters; none for all. A new `fresh` (e.g. the exhibit's counts) starts afresh. */
export function useScanPages(exhibitId: number, query: ScanQuery = {}, fresh = ''): ScanPages {
  const asked = JSON.stringify(query);
  const key = `${exhibitId}|${asked}|${fresh}`;
  const paging = useRef<Paging>(startOf(key));
  const [held, setHeld] = useState<Held>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [counts, setCounts] = useState<Record<string, number> | null>(null);

  useEffect(() => {
    paging.current = startOf(key);
    setHeld(EMPTY);
    setError(null);
    setCounts(null);
  }, [key]);

  const want = useCallback(
    (range: Span, view: Span = range) => {
      const p = paging.current;
      if (p.key !== key) return;
      p.want = range;
      p.view = view;
      if (p.busy || p.failed) return;
      p.busy = true;
      void (async () => {
        try {
          for (let next = nextFetch(p.pages, SCAN_PAGE, p.want, p.view); next; ) {
            const page = await fetchReviewPage(exhibitId, JSON.parse(asked) as ScanQuery, next);
            if (paging.current !== p) return;
            if (page.counts) setCounts(page.counts);
            p.pages.set(next.page, { rows: page.items, nextCursor: page.nextCursor });
            const rows = rowsByPosition(p.pages, SCAN_PAGE);
            let loaded = 0;
            for (const held of p.pages.values()) loaded += held.rows.length;
            setHeld({ rows, loaded, done: allHeld(p.pages, SCAN_PAGE) });
            next = nextFetch(p.pages, SCAN_PAGE, p.want, p.view);
          }
        } catch (err) {
          if (paging.current === p) {
            p.failed = true;
            setError(messageOf(err));
          }
        } finally {
          p.busy = false;
        }
      })();
    },
    [key, exhibitId, asked],
  );

  return { ...held, error, counts, want };
}
