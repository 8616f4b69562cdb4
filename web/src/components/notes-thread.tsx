/**
 * The notes thread of a case or series: the notes this agency may read, oldest first, and a form
 * to add one. A case's notes stay with the agency; on a series the author may let every agency
 * that may see the series read it.
 */
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { ErrorLine } from './field';

export function NotesThread({ record }: { record: `case:${number}` | `series:${number}` }) {
  const { t, language } = useI18n();
  const notes = useLoad(() => unwrap(api.GET('/api/v1/notes', { params: { query: { record } } })), record);
  const [body, setBody] = useState('');
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });

  const add = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const visibleTo = shared ? ('all' as const) : [];
      await unwrap(api.POST('/api/v1/notes', { body: { record, body, visibleTo } }));
      setBody('');
      await notes.reload();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <section className="card notes">
      <h2>{t('notes.title')}</h2>
      <ErrorLine message={notes.error} />
      {notes.data?.items.length === 0 && <p className="muted">{t('notes.none')}</p>}
      <ol className="plain" data-testid="notes">
        {notes.data?.items.map((n) => (
          <li key={n.id}>
            <p>{n.body}</p>
            <p className="muted">{when.format(n.createdAt)}</p>
          </li>
        ))}
      </ol>
      <form onSubmit={add}>
        <label className="field">
          {t('notes.new')}
          <textarea name="note" value={body} onChange={(e) => setBody(e.target.value)} required rows={3} />
        </label>
        {record.startsWith('series:') && (
          <label className="check">
            <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> {t('notes.shared')}
          </label>
        )}
        <ErrorLine message={error} />
        <button type="submit">{t('notes.add')}</button>
      </form>
    </section>
  );
}
