/**
 * The first page after sign-in: what the agency holds and has identified, month by month over the
 * last year and by year; its ingest jobs running and waiting; the hub's totals, by year and by
 * agency; alerts waiting. Charts are plain bars (no chart library: small bundle, RTL for free).
 */
import { api, unwrap } from '../api/client';
import { ErrorLine } from '../components/field';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { useSession } from '../session';

interface PeriodCount {
  period: string;
  count: number;
}

/** One bar per period (a year, a month), longest for the largest count. */
function Bars({ label, rows, testId }: { label: string; rows: readonly PeriodCount[]; testId?: string }) {
  const { number } = useI18n();
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <figure className="bars" aria-label={label} data-testid={testId}>
      <figcaption>{label}</figcaption>
      {rows.map((r) => (
        <div key={r.period} className="bar-row">
          <span>{r.period}</span>
          <span className="bar" style={{ inlineSize: `${(100 * r.count) / max}%` }} />
          <span>{number(r.count)}</span>
        </div>
      ))}
      {rows.length === 0 && <p className="muted">—</p>}
    </figure>
  );
}

const byYear = (years: readonly { year: number; count: number }[]) =>
  years.map((y) => ({ period: String(y.year), count: y.count }));
const byMonth = (months: readonly string[], counts: readonly number[]) =>
  months.map((m, i) => ({ period: m, count: counts[i] ?? 0 }));

export function DashboardPage() {
  const { t, count, number } = useI18n();
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
  const recent = stats.data?.recent;
  return (
    <main className="page">
      <h1>{t('dashboard.title')}</h1>
      <p data-testid="welcome">{t('dashboard.welcome', { name: info?.user.displayName ?? '' })}</p>
      <ErrorLine message={stats.error ?? alerts.error} />
      {alerts.data && (
        <p>
          <Link to="/alerts">{count('dashboard.alerts', alerts.data.unread)}</Link>
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
          {recent && (
            <p data-testid="jobs">
              {t('dashboard.jobs', {
                running: count('count.files', stats.data?.jobs.running ?? 0),
                queued: number(stats.data?.jobs.queued ?? 0),
              })}
            </p>
          )}
          {recent && (
            <div className="columns">
              <Bars
                label={t('dashboard.mediaByMonth')}
                rows={byMonth(recent.months, recent.media)}
                testId="media-by-month"
              />
              <Bars label={t('dashboard.seriesByMonth')} rows={byMonth(recent.months, recent.series)} />
              <Bars label={t('dashboard.victimsByMonth')} rows={byMonth(recent.months, recent.victimsIdentified)} />
              <Bars label={t('dashboard.offendersByMonth')} rows={byMonth(recent.months, recent.offendersIdentified)} />
            </div>
          )}
          <div className="columns">
            <Bars label={t('dashboard.mediaByYear')} rows={byYear(mine.media.byYear)} />
            <Bars label={t('dashboard.victimsByYear')} rows={byYear(mine.victims.identifiedByYear)} />
          </div>
          <h2>{t('dashboard.hubTitle')}</h2>
          <p className="muted">
            {t('dashboard.hub', {
              agencies: count('count.agencies', hub.agencies),
              media: count('count.media', hub.media),
              series: count('count.series', hub.series),
              victims: count('count.victimsIdentified', hub.victimsIdentified),
            })}
          </p>
          <HubByAgency rows={hub.byAgency} mine={mine.id} />
          <div className="columns">
            <Bars
              label={t('dashboard.hubMediaByYear')}
              rows={hub.byYear.map((y) => ({ period: String(y.year), count: y.media }))}
            />
            <Bars
              label={t('dashboard.hubVictimsByYear')}
              rows={hub.byYear.map((y) => ({ period: String(y.year), count: y.victimsIdentified }))}
            />
          </div>
        </>
      )}
    </main>
  );
}

interface AgencyRow {
  agencyId: number;
  name: string;
  media: number;
  series: number;
  victimsIdentified: number;
  offendersIdentified: number;
}

/** Each agency's contribution to the hub, counts only; the reader's own agency marked. */
function HubByAgency({ rows, mine }: { rows: readonly AgencyRow[]; mine: number }) {
  const { t, number } = useI18n();
  return (
    <table className="results" data-testid="hub-by-agency">
      <caption>{t('dashboard.byAgency')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dashboard.agency')}</th>
          <th scope="col">{t('dashboard.media')}</th>
          <th scope="col">{t('dashboard.series')}</th>
          <th scope="col">{t('dashboard.victimsIdentified')}</th>
          <th scope="col">{t('dashboard.offendersIdentified')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.agencyId} aria-current={r.agencyId === mine ? 'true' : undefined}>
            <th scope="row">{r.name}</th>
            <td>{number(r.media)}</td>
            <td>{number(r.series)}</td>
            <td>{number(r.victimsIdentified)}</td>
            <td>{number(r.offendersIdentified)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Tile({ label, value, of }: { label: string; value: number; of?: number }) {
  const { number } = useI18n();
  return (
    <div className="tile">
      <span className="tile-value">{number(value)}</span>
      {of !== undefined && <span className="muted"> / {number(of)}</span>}
      <span className="tile-label">{label}</span>
    </div>
  );
}
