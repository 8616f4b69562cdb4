/**
 * Starting a series from the series list (analysts and admins): the agency's own reference, a
 * title and how widely it is shared (restricted unless chosen otherwise); the new series opens.
 */
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { ErrorLine, Field } from '../components/field';
import { codeText } from '../i18n/code-text';
import { useI18n } from '../i18n/i18n';
import { useRoute } from '../router';

const SHARING = ['restricted', 'hash_only', 'all'] as const;

export function NewSeries() {
  const { t } = useI18n();
  const { navigate } = useRoute();
  const [reference, setReference] = useState('');
  const [title, setTitle] = useState('');
  const [sharing, setSharing] = useState<(typeof SHARING)[number]>('restricted');
  const [error, setError] = useState<string | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const made = await unwrap(api.POST('/api/v1/series', { body: { reference, title, sharing } }));
      navigate(`/series/${made.id}`);
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <section className="card">
      <h2>{t('series.new')}</h2>
      <form onSubmit={(e) => void create(e)}>
        <Field
          label={t('cases.reference')}
          name="seriesReference"
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          required
        />
        <Field
          label={t('cases.caseTitle')}
          name="seriesTitle"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
        />
        <label>
          {t('series.sharing')}
          <select value={sharing} onChange={(e) => setSharing(e.target.value as (typeof SHARING)[number])}>
            {SHARING.map((s) => (
              <option key={s} value={s}>
                {codeText(t, 'sharing', s)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('series.create')}</button>
      </form>
      <ErrorLine message={error} />
    </section>
  );
}
