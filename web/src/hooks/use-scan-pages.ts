/**
 * An exhibit's scan results, fetched a page at a time in review order (new, near-duplicate,
 * known, error, ignorable), only as far as the reader needs: `want(n)` asks for the first n rows
 * and fetches the pages up to them one after another (a cursor can only be followed, so rows
 * further on come after those before them). Asking again while pages are coming only raises the
 * target. A new exhibit, query (status and the hub's narrowing filters) or `fresh` starts afresh from
 * the first page, whose counts by status (what the filters keep) are kept; a failure stops the
 * fetching and says so.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import type { paths } from '../api/schema';
import type { ScanQuery } from '../pages/triage-filter';

type ScanPage = paths['/api/v1/exhibits/{id}/scan-results']['get']['responses'][200]['content']['application/json'];
export type ScanRow = ScanPage['items'][number];

/** The API's largest page. */
export const SCAN_PAGE = 200;

interface Paging {
  key: string;
  rows: ScanRow[];
  cursor: string | undefined;
  done: boolean;
  busy: boolean;
  target: number;
}

export interface ScanPages {
  rows: ScanRow[];
  /** Every row asked for has come (the last page was read). */
  done: boolean;
  error: string | null;
  /** The first page's counts by status under the query's narrowing filters; null until it comes. */
  counts: Record<string, number> | null;
  want(count: number): void;
}

/** `query`: a status (or comma list) and the narrowing filters; none for all. A new `fresh` (e.g. the exhibit's counts) starts afresh. */
export function useScanPages(exhibitId: number, query: ScanQuery = {}, fresh = ''): ScanPages {
  const asked = JSON.stringify(query);
  const key = `${exhibitId}|${asked}|${fresh}`;
  const paging = useRef<Paging>({ key, rows: [], cursor: undefined, done: false, busy: false, target: 0 });
  const [rows, setRows] = useState<ScanRow[]>([]);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [counts, setCounts] = useState<Record<string, number> | null>(null);

  useEffect(() => {
    paging.current = { key, rows: [], cursor: undefined, done: false, busy: false, target: 0 };
    setRows([]);
    setDone(false);
    setError(null);
    setCounts(null);
  }, [key]);

  const want = useCallback(
    (count: number) => {
      const p = paging.current;
      p.target = Math.max(p.target, count);
      if (p.busy || p.done || p.key !== key) return;
      p.busy = true;
      void (async () => {
        try {
          while (p.rows.length < p.target && !p.done) {
            const narrowing = JSON.parse(asked) as ScanQuery;
            const query = { ...narrowing, limit: SCAN_PAGE, order: 'review' as const, cursor: p.cursor };
            const page = await unwrap(
              api.GET('/api/v1/exhibits/{id}/scan-results', { params: { path: { id: exhibitId }, query } }),
            );
            if (paging.current !== p) return;
            if (page.counts) setCounts(page.counts);
            p.rows = [...p.rows, ...page.items];
            p.cursor = page.nextCursor ?? undefined;
            p.done = page.nextCursor === null;
            setRows(p.rows);
            setDone(p.done);
          }
        } catch (err) {
          if (paging.current === p) {
            p.done = true;
            setError(messageOf(err));
          }
        } finally {
          p.busy = false;
        }
      })();
    },
    [key, exhibitId, asked],
  );

  return { rows, done, error, counts, want };
}
