/** The agency's cases: open ones first, search, and a form to open a new case. */
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { ErrorLine, Field } from '../components/field';
import { NotesThread } from '../components/notes-thread';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { Link, useRoute } from '../router';

export function CasesPage() {
  const { t } = useI18n();
  const { navigate } = useRoute();
  const [q, setQ] = useState('');
  const cases = useLoad(
    () => unwrap(api.GET('/api/v1/cases', { params: { query: q ? { limit: 100, q } : { limit: 100 } } })),
    q,
  );
  const [reference, setReference] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const created = await unwrap(api.POST('/api/v1/cases', { body: { reference, title } }));
      navigate(`/cases/${created.id}`);
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <main className="page">
      <h1>{t('cases.title')}</h1>
      <div className="columns">
        <section className="card">
          <Field label={t('cases.search')} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          <ErrorLine message={cases.error} />
          <table className="results">
            <thead>
              <tr>
                <th>{t('cases.reference')}</th>
                <th>{t('cases.caseTitle')}</th>
                <th>{t('cases.exhibits')}</th>
                <th>{t('admin.state')}</th>
              </tr>
            </thead>
            <tbody>
              {cases.data?.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/cases/${c.id}`}>{c.reference}</Link>
                  </td>
                  <td>{c.title}</td>
                  <td>{c.exhibits}</td>
                  <td>{c.closedAt ? t('cases.closed') : t('cases.open')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <form className="card" onSubmit={create}>
          <h2>{t('cases.new')}</h2>
          <Field
            label={t('cases.reference')}
            name="reference"
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            required
          />
          <Field
            label={t('cases.caseTitle')}
            name="title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            required
          />
          <ErrorLine message={error} />
          <button type="submit">{t('cases.create')}</button>
        </form>
      </div>
    </main>
  );
}

export function CasePage({ params }: { params: Record<string, string> }) {
  const { t, count } = useI18n();
  const { navigate } = useRoute();
  const id = Number(params.id);
  const path = { params: { path: { id } } };
  const detail = useLoad(() => unwrap(api.GET('/api/v1/cases/{id}', path)), String(id));
  const exhibits = useLoad(() => unwrap(api.GET('/api/v1/cases/{id}/exhibits', path)), String(id));
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const created = await unwrap(api.POST('/api/v1/cases/{id}/exhibits', { ...path, body: { label } }));
      navigate(`/exhibits/${created.id}`);
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <main className="page">
      <p>
        <Link to="/cases">{t('cases.title')}</Link>
      </p>
      <h1>
        {detail.data?.reference} — {detail.data?.title}
      </h1>
      <ErrorLine message={detail.error ?? exhibits.error} />
      {detail.data && (
        <p className="muted">
          {t('cases.summary', {
            exhibits: count('count.exhibits', detail.data.exhibits),
            media: count('count.distinctMedia', detail.data.media),
          })}
        </p>
      )}
      <div className="columns">
        <section className="card">
          <h2>{t('cases.exhibits')}</h2>
          <ul className="plain">
            {exhibits.data?.items.map((x) => (
              <li key={x.id}>
                <Link to={`/exhibits/${x.id}`}>{x.label}</Link>
                <span className="muted">{count('cases.exhibitCounts', x.scanResults)}</span>
              </li>
            ))}
          </ul>
        </section>
        <form className="card" onSubmit={create}>
          <h2>{t('cases.newExhibit')}</h2>
          <Field
            label={t('cases.exhibitLabel')}
            name="label"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            required
          />
          <ErrorLine message={error} />
          <button type="submit">{t('cases.addExhibit')}</button>
        </form>
      </div>
      <NotesThread record={`case:${id}`} />
    </main>
  );
}
