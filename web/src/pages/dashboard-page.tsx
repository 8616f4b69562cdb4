/**
 * The first page after sign-in: what the agency holds and has identified, by year; the hub's
 * totals; alerts waiting. Charts are plain bars (no chart library: small bundle, RTL for free).
 */
import { api, unwrap } from '../api/client';
import { ErrorLine } from '../components/field';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { useSession } from '../session';

interface YearCount {
  year: number;
  count: number;
}

function YearBars({ label, years }: { label: string; years: readonly YearCount[] }) {
  const max = Math.max(1, ...years.map((y) => y.count));
  return (
    <figure className="bars" aria-label={label}>
      <figcaption>{label}</figcaption>
      {years.map((y) => (
        <div key={y.year} className="bar-row">
          <span>{y.year}</span>
          <span className="bar" style={{ inlineSize: `${(100 * y.count) / max}%` }} />
          <span>{y.count.toLocaleString()}</span>
        </div>
      ))}
      {years.length === 0 && <p className="muted">—</p>}
    </figure>
  );
}

export function DashboardPage() {
  const { t } = useI18n();
  const { info } = useSession();
  const roles = info?.user.roles ?? [];
  const casework = roles.some((r) => r === 'viewer' || r === 'analyst' || r === 'admin');
  const stats = useLoad(async () => (casework ? unwrap(api.GET('/api/v1/stats')) : null), String(casework));
  const alerts = useLoad(
    async () => (casework ? unwrap(api.GET('/api/v1/alerts/unread-count')) : null),
    String(casework),
  );
  const mine = stats.data?.agency;
  const hub = stats.data?.installation;
  return (
    <main className="page">
      <h1>{t('dashboard.title')}</h1>
      <p data-testid="welcome">{t('dashboard.welcome', { name: info?.user.displayName ?? '' })}</p>
      <ErrorLine message={stats.error ?? alerts.error} />
      {alerts.data && (
        <p>
          <Link to="/alerts">{t('dashboard.alerts', { n: alerts.data.unread })}</Link>
        </p>
      )}
      {mine && hub && (
        <>
          <div className="tiles" data-testid="tiles">
            <Tile label={t('dashboard.media')} value={mine.media.total} />
            <Tile label={t('dashboard.series')} value={mine.series.total} />
            <Tile label={t('dashboard.victimsIdentified')} value={mine.victims.identified} of={mine.victims.records} />
            <Tile
              label={t('dashboard.offendersIdentified')}
              value={mine.offenders.identified}
              of={mine.offenders.records}
            />
          </div>
          <div className="columns">
            <YearBars label={t('dashboard.mediaByYear')} years={mine.media.byYear} />
            <YearBars label={t('dashboard.victimsByYear')} years={mine.victims.identifiedByYear} />
          </div>
          <p className="muted">
            {t('dashboard.hub', {
              agencies: hub.agencies,
              media: hub.media.toLocaleString(),
              series: hub.series,
              victims: hub.victimsIdentified,
            })}
          </p>
        </>
      )}
    </main>
  );
}

function Tile({ label, value, of }: { label: string; value: number; of?: number }) {
  return (
    <div className="tile">
      <span className="tile-value">{value.toLocaleString()}</span>
      {of !== undefined && <span className="muted"> / {of.toLocaleString()}</span>}
      <span className="tile-label">{label}</span>
    </div>
  );
}
