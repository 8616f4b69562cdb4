/**
 * An exhibit's scan results, fetched a page at a time in review order (new, near-duplicate,
 * known, error, ignorable), only as far as the reader needs: `want(n)` asks for the first n rows
 * and fetches the pages up to them one after another (a cursor can only be followed, so rows
 * further on come after those before them). Asking again while pages are coming only raises the
 * target. A new exhibit, status filter or `fresh` starts afresh; a failure stops the fetching and says so.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import type { paths } from '../api/schema';

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
  want(count: number): void;
}

/** `status`: one status or a comma list; undefined for all. A new `fresh` (e.g. the exhibit's counts) starts afresh. */
export function useScanPages(exhibitId: number, status: string | undefined, fresh = ''): ScanPages {
  const key = `${exhibitId}|${status ?? ''}|${fresh}`;
  const paging = useRef<Paging>({ key, rows: [], cursor: undefined, done: false, busy: false, target: 0 });
  const [rows, setRows] = useState<ScanRow[]>([]);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    paging.current = { key, rows: [], cursor: undefined, done: false, busy: false, target: 0 };
    setRows([]);
    setDone(false);
    setError(null);
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
            const query = { limit: SCAN_PAGE, order: 'review' as const, cursor: p.cursor, status };
            const page = await unwrap(
              api.GET('/api/v1/exhibits/{id}/scan-results', { params: { path: { id: exhibitId }, query } }),
            );
            if (paging.current !== p) return;
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
    [key, exhibitId, status],
  );

  return { rows, done, error, want };
}
