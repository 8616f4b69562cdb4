/**
 * The agency's alerts: its material matched another agency's series or hash set, another agency
 * confirmed a match to its series, a victim in its series was identified. Unread first, a page
 * at a time ("Show more" adds the next below; alerts-paging.ts keeps none out and none twice).
 */
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import type { paths } from '../api/schema';
import { ErrorLine } from '../components/field';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { alertText } from './alert-text';
import { ALERTS_PAGE, appendPage, coveredAfter, nextWindows, replaceAlert } from './alerts-paging';

type AlertPage = paths['/api/v1/alerts']['get']['responses'][200]['content']['application/json'];
type Alert = AlertPage['items'][number];

const pageAt = (offset: number, limit = ALERTS_PAGE) =>
  unwrap(api.GET('/api/v1/alerts', { params: { query: { limit, offset } } }));

export function AlertsPage() {
  const { t, language, number } = useI18n();
  const [items, setItems] = useState<Alert[]>([]);
  const [counts, setCounts] = useState<{ total: number; unread: number } | null>(null);
  const [markedRead, setMarkedRead] = useState(0);
  /** How many of the first places in the server's order the page holds. */
  const [covered, setCovered] = useState(0);
  const [busy, setBusy] = useState(false);
  const first = useLoad(async () => {
    const page = await pageAt(0);
    setItems(page.items);
    setCounts({ total: page.total, unread: page.unread });
    setCovered(page.items.length);
    setMarkedRead(0);
    return page;
  });
  const fail = (err: unknown) => first.setError(messageOf(err));

  const showMore = async () => {
    setBusy(true);
    try {
      const windows = nextWindows(covered, markedRead);
      let shown = items;
      let last: AlertPage | null = null;
      for (const w of windows) {
        last = await pageAt(w.offset, w.limit);
        shown = appendPage(shown, last.items);
      }
      setItems(shown);
      setMarkedRead(0);
      if (last) {
        setCovered(coveredAfter(windows, last.total));
        setCounts({ total: last.total, unread: last.unread });
      }
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const markRead = async (id: number) => {
    try {
      const changed = await unwrap(api.POST('/api/v1/alerts/{id}/read', { params: { path: { id } } }));
      setItems((shown) => replaceAlert(shown, changed));
      setMarkedRead((n) => n + 1);
      setCounts((c) => (c ? { ...c, unread: Math.max(0, c.unread - 1) } : c));
    } catch (err) {
      fail(err);
    }
  };
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <main className="page">
      <h1>{t('alerts.title')}</h1>
      <ErrorLine message={first.error} />
      {counts && (
        <p className="muted">{t('alerts.counts', { unread: number(counts.unread), total: number(counts.total) })}</p>
      )}
      {first.data && items.length === 0 && <p>{t('alerts.none')}</p>}
      <ul className="alerts" data-testid="alerts">
        {items.map((a) => (
          <li key={a.id} className={a.readAt ? 'read' : 'unread'}>
            <div>
              <strong>{alertText(a, t)}</strong>
              <p className="muted">
                {when.format(a.createdAt)}
                {a.fromAgency && ` · ${a.fromAgency.name} (${a.fromAgency.countryCode})`} · {a.about.kind} {a.about.id}
              </p>
            </div>
            {!a.readAt && (
              <button type="button" className="secondary" onClick={() => void markRead(a.id)}>
                {t('alerts.markRead')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {counts && covered < counts.total && (
        <p>
          <button type="button" className="secondary" disabled={busy} onClick={() => void showMore()}>
            {t('alerts.more', { shown: number(items.length), total: number(counts.total) })}
          </button>
        </p>
      )}
    </main>
  );
}
