/**
 * The audit log for auditors and admins: who did what to which record, newest first, filtered by
 * action, record, person and period, a page at a time; and a check of the whole hash chain.
 */
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { ErrorLine, Field } from '../components/field';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { auditQuery, EMPTY_FILTERS, type Filters } from './audit-query';

export function AuditPage() {
  const { t, count, language } = useI18n();
  const [form, setForm] = useState<Filters>(EMPTY_FILTERS);
  const [applied, setApplied] = useState<Filters>(EMPTY_FILTERS);
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const events = useLoad(
    () => unwrap(api.GET('/api/v1/audit', { params: { query: auditQuery(applied, cursor) } })),
    JSON.stringify([applied, cursor]),
  );
  const [check, setCheck] = useState<string | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'medium' });
  const field = (name: keyof Filters, type = 'text') => (
    <Field
      label={t(`audit.${name}`)}
      name={name}
      type={type}
      value={form[name]}
      onChange={(e) => setForm({ ...form, [name]: e.target.value })}
    />
  );

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setApplied(form);
    setCursors([]);
  };
  const verify = async () => {
    try {
      const r = await unwrap(api.GET('/api/v1/audit/verify'));
      setCheckError(null);
      setCheck(
        r.ok
          ? t('audit.chainOk', { events: count('count.events', r.events), head: r.headHash?.slice(0, 16) ?? '' })
          : t('audit.chainBroken', { seq: r.firstBrokenSeq ?? 0, problem: r.problem?.message ?? '' }),
      );
    } catch (err) {
      setCheckError(messageOf(err));
    }
  };

  return (
    <main className="page">
      <h1>{t('audit.title')}</h1>
      <section className="card">
        <button type="button" onClick={() => void verify()}>
          {t('audit.verify')}
        </button>
        {check && (
          <p role="status" data-testid="chain">
            {check}
          </p>
        )}
        <ErrorLine message={checkError} />
      </section>
      <form className="card filters-form" onSubmit={apply}>
        {field('action')}
        {field('recordKind')}
        {field('recordId')}
        {field('actorUserId')}
        {field('from', 'date')}
        {field('to', 'date')}
        <button type="submit">{t('audit.filter')}</button>
      </form>
      <ErrorLine message={events.error} />
      <table className="results" data-testid="audit">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('audit.when')}</th>
            <th>{t('audit.who')}</th>
            <th>{t('audit.action')}</th>
            <th>{t('audit.record')}</th>
            <th>{t('audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {events.data?.items.map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td>{when.format(e.at)}</td>
              <td>{e.actor.username ?? (e.actor.userId === null ? t('audit.system') : `#${e.actor.userId}`)}</td>
              <td>{e.action}</td>
              <td>
                {e.record.kind}
                {e.record.id === null ? '' : ` ${e.record.id}`}
              </td>
              <td>
                <code>{JSON.stringify(e.details)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {cursors.length > 0 && (
          <button type="button" className="secondary" onClick={() => setCursors(cursors.slice(0, -1))}>
            {t('audit.newer')}
          </button>
        )}{' '}
        {events.data?.nextCursor && (
          <button
            type="button"
            className="secondary"
            onClick={() => setCursors([...cursors, events.data?.nextCursor ?? ''])}
          >
            {t('audit.older')}
          </button>
        )}
      </p>
    </main>
  );
}
