/**
 * One place (opened from the links graph, the map or a series): its name, country, coordinates
 * and description, and the records this agency linked to it — series by reference and title,
 * other records by kind, each opening its page where the app has one.
 */
import { api, unwrap } from '../api/client';
import { ErrorLine } from '../components/field';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { type LinkedRecord, linkedRecords } from './place-links';

async function loadPlace(id: number) {
  const [place, links] = await Promise.all([
    unwrap(api.GET('/api/v1/places/{id}', { params: { path: { id } } })),
    unwrap(api.GET('/api/v1/links', { params: { query: { record: `place:${id}`, limit: 200, offset: 0 } } })),
  ]);
  const linked = linkedRecords(links.items, id);
  // Series by reference and title where this account may see them; others stay "series #id".
  const series = await Promise.all(
    linked
      .filter((r) => r.kind === 'series')
      .map((r) => unwrap(api.GET('/api/v1/series/{id}', { params: { path: { id: r.id } } })).catch(() => null)),
  );
  const names = new Map(series.flatMap((s) => (s ? [[s.id, `${s.reference} — ${s.title}`] as const] : [])));
  return { place, linked: linked.map((r) => ({ ...r, name: r.kind === 'series' ? names.get(r.id) : undefined })) };
}

export function PlacePage({ params }: { params: Record<string, string> }) {
  const { t, date } = useI18n();
  const id = Number(params.id);
  const loaded = useLoad(() => loadPlace(id), String(id));
  const place = loaded.data?.place;
  return (
    <main className="page">
      <p>
        <Link to="/links">{t('links.title')}</Link>
      </p>
      <h1>{place?.name ?? ''}</h1>
      <ErrorLine message={loaded.error} />
      {place && (
        <dl className="facts" data-testid="place-facts">
          <dt>{t('place.country')}</dt>
          <dd>{place.countryCode ?? '—'}</dd>
          <dt>{t('place.position')}</dt>
          <dd>
            {place.latitude !== null && place.longitude !== null
              ? `${place.latitude.toFixed(5)}, ${place.longitude.toFixed(5)}`
              : t('place.noPosition')}
          </dd>
          <dt>{t('place.description')}</dt>
          <dd>{place.description ?? '—'}</dd>
          <dt>{t('place.recorded')}</dt>
          <dd>{date(place.createdAt)}</dd>
        </dl>
      )}
      {loaded.data && (
        <section className="card">
          <h2>{t('place.linked')}</h2>
          {loaded.data.linked.length === 0 && <p className="muted">{t('workspace.noneYet')}</p>}
          <ul data-testid="place-links">
            {loaded.data.linked.map((r) => (
              <li key={r.linkId}>
                <Linked record={r} /> <span className="muted">({r.relation})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}

function Linked({ record }: { record: LinkedRecord & { name?: string | undefined } }) {
  const { t } = useI18n();
  const label = record.name ?? t('place.record', { kind: record.kind, id: record.id });
  return record.href ? <Link to={record.href}>{label}</Link> : <span>{label}</span>;
}
