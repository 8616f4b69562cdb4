/**
 * An exhibit's triage table: its scan results in review order (new and near-duplicate first),
 * fetched from the hub a page of 200 at a time — "Load more" fetches the next — so a seizure of
 * 100,000 files costs one request to show, not 500. The status buttons and the narrowing filters
 * (category, camera serial, capture date, GPS) are asked of the hub, so they reach every result of
 * the exhibit; a change starts again from the first page, whose counts by status (what the filters
 * keep) the buttons and the "of N" show. A change in the exhibit's counts (files still being
 * scanned) starts the pages afresh. The filters are kept for the tab, per exhibit, so coming back
 * from an item finds the list narrowed as it was.
 */
import { useCallback, useEffect, useState } from 'react';
import { ErrorLine } from '../components/field';
import { heldRows } from '../hooks/scan-page-plan';
import { SCAN_PAGE, useScanPages } from '../hooks/use-scan-pages';
import { useI18n } from '../i18n/i18n';
import { reasonText } from '../i18n/reason-text';
import { Link } from '../router';
import { listOf, saveReviewOrder } from './review-order';
import { narrows, scanQueryOf, type TriageFilter } from './triage-filter';
import { keepTriageFilter, recallTriageFilter } from './triage-filter-memory';
import { TriageNarrowing } from './triage-narrowing';

/** Review order: what needs a person first comes first (the hub's order=review). */
export const STATUS_ORDER = ['new', 'near-duplicate', 'known', 'error', 'ignorable'];

/** The media of the listed rows, once each, in the order shown: what ← → step through on a media page. */
function reviewIds(rows: readonly { mediaId: number | null }[]): number[] {
  return [...new Set(rows.flatMap((r) => (r.mediaId === null ? [] : [r.mediaId])))];
}

export function ExhibitTriage({ exhibitId, counts }: { exhibitId: number; counts: Record<string, number> }) {
  const { t, count } = useI18n();
  // Kept for the tab: back from an item opened here, the list is narrowed as it was.
  const [filter, setFilter] = useState<TriageFilter>(() => recallTriageFilter(exhibitId));
  useEffect(() => keepTriageFilter(exhibitId, filter), [exhibitId, filter]);
  const narrow = useCallback((change: Partial<TriageFilter>) => setFilter((f) => ({ ...f, ...change })), []);
  const status = filter.status === 'all' ? undefined : filter.status;
  const query = scanQueryOf(filter);
  const fresh = STATUS_ORDER.map((s) => counts[s] ?? 0).join(',');
  const pages = useScanPages(exhibitId, query, fresh);
  // How many rows the reader asked for, for these filters and counts; a page at first.
  const [asked, setAsked] = useState({ key: '', n: SCAN_PAGE });
  const key = `${JSON.stringify(query)}|${fresh}`;
  const wanted = asked.key === key ? asked.n : SCAN_PAGE;
  const { want } = pages;
  // A reversed date range is said here, not asked of the hub (which answers in its parameter names).
  const reversed = filter.from !== '' && filter.to !== '' && filter.from > filter.to;
  useEffect(() => {
    if (!reversed) want({ first: 0, last: wanted - 1 });
  }, [want, wanted, reversed]);

  // Narrowed, the counts are the hub's for the filters (null until the first page comes).
  const shownCounts = narrows(filter) ? pages.counts : counts;
  const countOf = (s: string) => (shownCounts ? String(shownCounts[s] ?? 0) : '…');
  const total = status ? (shownCounts?.[status] ?? 0) : Object.values(shownCounts ?? {}).reduce((sum, n) => sum + n, 0);
  // A prefix is asked for, so there are no holes; heldRows only makes that sure.
  const results = heldRows(pages.rows);
  const loaded = results.length;

  return (
    <section className="card">
      <h2>{t('exhibit.triage')}</h2>
      <p>
        <Link to={`/exhibits/${exhibitId}/review`}>{t('grid.open')}</Link>
      </p>
      <fieldset className="filters">
        <legend className="visually-hidden">{t('exhibit.filter')}</legend>
        {['all', ...STATUS_ORDER].map((s) => (
          <button
            key={s}
            type="button"
            className={filter.status === s ? '' : 'secondary'}
            aria-pressed={filter.status === s}
            onClick={() => narrow({ status: s })}
          >
            {t(`status.${s}` as 'status.all')} {s === 'all' ? '' : `(${countOf(s)})`}
          </button>
        ))}
      </fieldset>
      <TriageNarrowing exhibitId={exhibitId} fresh={fresh} filter={filter} narrow={narrow}>
        <span data-testid="triage-shown">{t('exhibit.shownOf', { loaded, total })}</span>
      </TriageNarrowing>
      <ErrorLine message={reversed ? t('exhibit.datesReversed') : pages.error} />
      {reversed ? null : shownCounts && total === 0 && loaded === 0 ? (
        <p className="muted" data-testid="triage-empty">
          {filter.status !== 'all' || narrows(filter) ? t('exhibit.noneMatch') : t('exhibit.noneYet')}
        </p>
      ) : (
        <table className="results" data-testid="triage">
          <thead>
            <tr>
              <th>{t('exhibit.path')}</th>
              <th>{t('lookup.result')}</th>
              <th>{t('exhibit.reasons')}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r, i) => (
              <tr key={r.id} data-status={r.status}>
                <td>
                  {r.mediaId === null ? (
                    <code>{r.path}</code>
                  ) : (
                    <Link
                      to={`/media/${r.mediaId}`}
                      onClick={() =>
                        saveReviewOrder({
                          exhibitId,
                          ids: reviewIds(results),
                          list: listOf(query, results, i, pages.done ? results.length : null),
                        })
                      }
                    >
                      <code>{r.path}</code>
                    </Link>
                  )}
                </td>
                <td>
                  <span className={`badge status-${r.status}`}>{t(`status.${r.status}` as 'status.all')}</span>
                </td>
                <td>{r.reasons.map((reason) => reasonText(reason, t, count)).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!pages.done && loaded < total && (
        <button type="button" className="secondary" onClick={() => setAsked({ key, n: loaded + SCAN_PAGE })}>
          {t('exhibit.more', { n: Math.min(SCAN_PAGE, total - loaded) })}
        </button>
      )}
    </section>
  );
}
