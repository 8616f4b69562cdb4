/**
 * The records a series is linked to in this agency's own notes: its victims and offenders
 * (pseudonymous references, identified or not, and by which agency), the places it was made, and
 * the series it continues or relates to; each list with a form to add one. Reading a person is
 * audited by the hub. Links are the agency's own: another agency's links are not shown here.
 */
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { ErrorLine, Field } from '../components/field';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { useSession } from '../session';
import { coordinateOf } from './coordinate-input';

type Kind = 'victim' | 'offender' | 'place' | 'series';

/** The ids at the other end of this series' links to records of `kind`, oldest link first. */
export async function linkedIds(seriesId: number, kind: Kind | 'clue'): Promise<number[]> {
  const query = { record: `series:${seriesId}`, kind, limit: 200, offset: 0 };
  const page = await unwrap(api.GET('/api/v1/links', { params: { query } }));
  return page.items.map((l) => (l.from.kind === 'series' && l.from.id === seriesId ? l.to.id : l.from.id));
}

const loadVictim = (id: number) => unwrap(api.GET('/api/v1/victims/{id}', { params: { path: { id } } }));
const loadOffender = (id: number) => unwrap(api.GET('/api/v1/offenders/{id}', { params: { path: { id } } }));

/** Victims or offenders of the series, and a form that records one linked to it. */
export function SeriesPeople({ seriesId, kind }: { seriesId: number; kind: 'victim' | 'offender' }) {
  const { t, date } = useI18n();
  const own = useSession().info?.user.agencyId;
  const people = useLoad(async () => {
    const ids = await linkedIds(seriesId, kind);
    return Promise.all(ids.map((id) => (kind === 'victim' ? loadVictim(id) : loadOffender(id))));
  }, `${seriesId}:${kind}`);
  const [reference, setReference] = useState('');
  const [identified, setIdentified] = useState(false);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const body = { reference, seriesIds: [seriesId], ...(identified ? { identified: {} } : {}) };
      if (kind === 'victim') await unwrap(api.POST('/api/v1/victims', { body }));
      else await unwrap(api.POST('/api/v1/offenders', { body }));
      setReference('');
      setIdentified(false);
      await people.reload();
    } catch (err) {
      people.setError(messageOf(err));
    }
  };
  return (
    <section className="card" data-testid={`series-${kind}s`}>
      <h2>{t(kind === 'victim' ? 'workspace.victims' : 'workspace.offenders')}</h2>
      <ErrorLine message={people.error} />
      {people.data?.length === 0 && <p className="muted">{t('workspace.noneYet')}</p>}
      <ul>
        {people.data?.map((p) => (
          <li key={p.id}>
            <strong>{p.reference}</strong> ·{' '}
            {p.identifiedAt === null
              ? t('workspace.notIdentified')
              : t(p.identifiedByAgencyId === own ? 'workspace.identifiedHere' : 'workspace.identifiedBy', {
                  date: date(p.identifiedAt),
                  agency: String(p.identifiedByAgencyId ?? '?'),
                })}
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={(e) => void add(e)}>
        <Field
          label={t('workspace.reference')}
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          required
          maxLength={100}
        />
        <label className="check">
          <input type="checkbox" checked={identified} onChange={(e) => setIdentified(e.target.checked)} />{' '}
          {t('workspace.identifiedNow')}
        </label>
        <button type="submit">{t(kind === 'victim' ? 'workspace.addVictim' : 'workspace.addOffender')}</button>
      </form>
    </section>
  );
}

/** Places the series is located at, and a form that records a place and links it. */
export function SeriesPlaces({ seriesId }: { seriesId: number }) {
  const { t } = useI18n();
  const places = useLoad(async () => {
    const ids = await linkedIds(seriesId, 'place');
    return Promise.all(ids.map((id) => unwrap(api.GET('/api/v1/places/{id}', { params: { path: { id } } }))));
  }, String(seriesId));
  const [form, setForm] = useState({ name: '', countryCode: '', latitude: '', longitude: '' });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const latitude = coordinateOf(form.latitude, 90);
      const longitude = coordinateOf(form.longitude, 180);
      if (Number.isNaN(latitude) || Number.isNaN(longitude)) return places.setError(t('workspace.badPosition'));
      const body = {
        name: form.name,
        countryCode: form.countryCode.trim() === '' ? null : form.countryCode.trim().toUpperCase(),
        latitude,
        longitude,
      };
      const place = await unwrap(api.POST('/api/v1/places', { body }));
      const link = { from: `series:${seriesId}`, to: `place:${place.id}` };
      await unwrap(api.POST('/api/v1/links', { body: link }));
      setForm({ name: '', countryCode: '', latitude: '', longitude: '' });
      await places.reload();
    } catch (err) {
      places.setError(messageOf(err));
    }
  };
  return (
    <section className="card" data-testid="series-places">
      <h2>{t('workspace.places')}</h2>
      <ErrorLine message={places.error} />
      {places.data?.length === 0 && <p className="muted">{t('workspace.noneYet')}</p>}
      <ul>
        {places.data?.map((p) => (
          <li key={p.id}>
            <Link to={`/places/${p.id}`}>
              <strong>{p.name}</strong>
            </Link>
            {p.countryCode ? ` · ${p.countryCode}` : ''}
            {p.latitude !== null && p.longitude !== null
              ? ` · ${p.latitude.toFixed(5)}, ${p.longitude.toFixed(5)}`
              : ''}
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={(e) => void add(e)}>
        <Field label={t('workspace.placeName')} value={form.name} onChange={set('name')} required maxLength={200} />
        <Field
          label={t('workspace.country')}
          value={form.countryCode}
          onChange={set('countryCode')}
          pattern="[A-Za-z]{2}"
          size={3}
        />
        <Field label={t('workspace.latitude')} value={form.latitude} onChange={set('latitude')} inputMode="decimal" />
        <Field
          label={t('workspace.longitude')}
          value={form.longitude}
          onChange={set('longitude')}
          inputMode="decimal"
        />
        <button type="submit">{t('workspace.addPlace')}</button>
      </form>
    </section>
  );
}

/** Series this one is linked to (continues, related), and a form to link another visible series. */
export function SeriesLinks({ seriesId }: { seriesId: number }) {
  const { t } = useI18n();
  const linked = useLoad(async () => {
    const ids = await linkedIds(seriesId, 'series');
    // A linked series may since have been closed to this agency: say so instead of failing the list.
    return Promise.all(
      ids.map((id) =>
        unwrap(api.GET('/api/v1/series/{id}', { params: { path: { id } } })).then(
          (s) => ({ id, label: `${s.reference} — ${s.title}` }),
          () => ({ id, label: null }),
        ),
      ),
    );
  }, String(seriesId));
  const choices = useLoad(() =>
    unwrap(api.GET('/api/v1/series', { params: { query: { whose: 'all', limit: 200, offset: 0 } } })),
  );
  const [other, setOther] = useState('');
  const [relation, setRelation] = useState<'related' | 'continues'>('related');
  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const body = { from: `series:${seriesId}`, to: `series:${other}`, relation };
      await unwrap(api.POST('/api/v1/links', { body }));
      setOther('');
      await linked.reload();
    } catch (err) {
      linked.setError(messageOf(err));
    }
  };
  const taken = new Set([seriesId, ...(linked.data ?? []).map((l) => l.id)]);
  return (
    <section className="card" data-testid="series-links">
      <h2>{t('workspace.linkedSeries')}</h2>
      <ErrorLine message={linked.error ?? choices.error} />
      {linked.data?.length === 0 && <p className="muted">{t('workspace.noneYet')}</p>}
      <ul>
        {linked.data?.map((l) => (
          <li key={l.id}>
            {l.label === null ? (
              t('workspace.seriesClosed', { id: l.id })
            ) : (
              <Link to={`/series/${l.id}`}>{l.label}</Link>
            )}
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={(e) => void add(e)}>
        <label>
          {t('workspace.otherSeries')}{' '}
          <select value={other} onChange={(e) => setOther(e.target.value)} required>
            <option value="">—</option>
            {choices.data?.items
              .filter((s) => !taken.has(s.id))
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.reference} — {s.title}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('workspace.relation')}{' '}
          <select value={relation} onChange={(e) => setRelation(e.target.value as 'related' | 'continues')}>
            <option value="related">{t('workspace.relation.related')}</option>
            <option value="continues">{t('workspace.relation.continues')}</option>
          </select>
        </label>
        <button type="submit">{t('workspace.linkSeries')}</button>
      </form>
    </section>
  );
}
