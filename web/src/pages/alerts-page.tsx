/**
 * The agency's alerts: its material matched another agency's series or hash set, another agency
 * confirmed a match to its series, a victim in its series was identified. Unread first.
 */
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { ErrorLine } from '../components/field';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { alertText } from './alert-text';

export function AlertsPage() {
  const { t, language } = useI18n();
  const alerts = useLoad(() => unwrap(api.GET('/api/v1/alerts', { params: { query: { limit: 100, offset: 0 } } })));
  const markRead = async (id: number) => {
    try {
      await unwrap(api.POST('/api/v1/alerts/{id}/read', { params: { path: { id } } }));
      await alerts.reload();
    } catch (err) {
      alerts.setError(messageOf(err));
    }
  };
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <main className="page">
      <h1>{t('alerts.title')}</h1>
      <ErrorLine message={alerts.error} />
      {alerts.data && (
        <p className="muted">{t('alerts.counts', { unread: alerts.data.unread, total: alerts.data.total })}</p>
      )}
      {alerts.data?.items.length === 0 && <p>{t('alerts.none')}</p>}
      <ul className="alerts" data-testid="alerts">
        {alerts.data?.items.map((a) => (
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
    </main>
  );
}
