/**
 * The series an item belongs to, as far as this agency may see them, each opening its workspace;
 * and, for analysts and admins, adding the item to one of the agency's own series.
 */
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { ErrorLine } from '../components/field';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { useWritesCasework } from '../session';

interface InSeries {
  id: number;
  reference: string;
  title: string;
}

export function MediaSeries(props: { mediaId: number; series: readonly InSeries[]; onAdded(): Promise<void> }) {
  const { t } = useI18n();
  const mayAdd = useWritesCasework();
  const own = useLoad(
    async (): Promise<{ items: readonly InSeries[] }> =>
      mayAdd
        ? unwrap(api.GET('/api/v1/series', { params: { query: { whose: 'own', limit: 200, offset: 0 } } }))
        : { items: [] },
    String(mayAdd),
  );
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inSeries = new Set(props.series.map((s) => s.id));
  const choices = (own.data?.items ?? []).filter((s) => !inSeries.has(s.id));

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const body = { mediaIds: [props.mediaId] };
      await unwrap(api.POST('/api/v1/series/{id}/media', { params: { path: { id: Number(chosen) } }, body }));
      setChosen('');
      await props.onAdded();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <>
      <h2>{t('media.series')}</h2>
      {props.series.length === 0 ? (
        <p className="muted">{t('media.seriesNone')}</p>
      ) : (
        <ul data-testid="media-series">
          {props.series.map((s) => (
            <li key={s.id}>
              <Link to={`/series/${s.id}`}>{`${s.reference} — ${s.title}`}</Link>
            </li>
          ))}
        </ul>
      )}
      {mayAdd && own.data && choices.length === 0 && props.series.length === 0 && (
        <p className="muted">{t('media.seriesNoneOwn')}</p>
      )}
      {mayAdd && choices.length > 0 && (
        <form onSubmit={(e) => void add(e)} className="inline-form">
          <label>
            {t('media.pickSeries')}
            <select value={chosen} onChange={(e) => setChosen(e.target.value)} required>
              <option value="" />
              {choices.map((s) => (
                <option key={s.id} value={s.id}>{`${s.reference} — ${s.title}`}</option>
              ))}
            </select>
          </label>
          <button type="submit">{t('media.addToSeries')}</button>
        </form>
      )}
      <ErrorLine message={error ?? own.error} />
    </>
  );
}
