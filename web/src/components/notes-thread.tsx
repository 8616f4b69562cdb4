/**
 * The notes thread of a case or series: the notes this agency may read, oldest first, each with
 * its author agency and (for this agency's notes) the other agencies that may read it, and a form
 * to add one naming its readers: agencies picked one by one among those that may see the
 * subject, or on a series every agency that may see it.
 */
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';
import { AgencyPicker } from './agency-picker';
import { ErrorLine } from './field';
import { audienceOf, offeredReaders } from './note-audience';

export function NotesThread({
  record,
  mayRead = 'all',
}: {
  record: `case:${number}` | `series:${number}`;
  /** Agencies that may see the subject (the readers a note may name); 'all' when any may be named. */
  mayRead?: readonly number[] | 'all';
}) {
  const { t, language } = useI18n();
  const own = useSession().info?.user.agencyId ?? 0;
  const notes = useLoad(() => unwrap(api.GET('/api/v1/notes', { params: { query: { record } } })), record);
  const agencies = useLoad(() => unwrap(api.GET('/api/v1/agencies')));
  const [body, setBody] = useState('');
  const [everyone, setEveryone] = useState(false);
  const [readers, setReaders] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const isSeries = record.startsWith('series:');
  const directory = agencies.data?.items ?? [];
  const offered = offeredReaders(directory, mayRead, own);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const visibleTo = isSeries && everyone ? ('all' as const) : readers;
      await unwrap(api.POST('/api/v1/notes', { body: { record, body, visibleTo } }));
      setBody('');
      setReaders([]);
      setError(null);
      await notes.reload();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <section className="card notes">
      <h2>{t('notes.title')}</h2>
      <ErrorLine message={notes.error ?? agencies.error} />
      {notes.data?.items.length === 0 && <p className="muted">{t('notes.none')}</p>}
      <ol className="plain" data-testid="notes">
        {notes.data?.items.map((n) => {
          const audience = audienceOf(n, directory);
          const mine = n.agencyId === own;
          return (
            <li key={n.id} data-agency={n.agencyId}>
              <p>{n.body}</p>
              <p className="muted">
                {t('notes.by', { agency: mine ? t('notes.thisAgency') : audience.author })} · {when.format(n.createdAt)}
              </p>
              {mine && (
                <p className="muted" data-testid="note-readers">
                  {audience.readers.length === 0
                    ? t('notes.readersOwn')
                    : t('notes.readers', { list: audience.readers.join(', ') })}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <form onSubmit={add}>
        <label className="field">
          {t('notes.new')}
          <textarea name="note" value={body} onChange={(e) => setBody(e.target.value)} required rows={3} />
        </label>
        {isSeries && (
          <label className="check">
            <input type="checkbox" checked={everyone} onChange={(e) => setEveryone(e.target.checked)} />{' '}
            {t('notes.shared')}
          </label>
        )}
        {!(isSeries && everyone) && (
          <AgencyPicker legend={t('notes.alsoFor')} agencies={offered} chosen={readers} onChange={setReaders} />
        )}
        <ErrorLine message={error} />
        <button type="submit">{t('notes.add')}</button>
      </form>
    </section>
  );
}
