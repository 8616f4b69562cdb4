/**
 * Hash sets: the lists this agency may see, a new list with its sharing terms, an import into one
 * of its own (upload progress, then accepted / rejected by reason) and exports (the browser's
 * download shows their progress; the hub makes them hash-only where the terms say so). Each
 * set's details open below its row (hash-set-terms.tsx), where the owner changes its terms.
 */
import { type FormEvent, Fragment, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { ErrorLine, Field } from '../components/field';
import { useLoad } from '../hooks/use-load';
import { codeText } from '../i18n/code-text';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';
import { takeFiles } from '../upload/drop-source';
import { type ImportCounts, sendHashList } from '../upload/send-list';
import { HashSetTerms, type Level, SharingSelect } from './hash-set-terms';

export function HashSetsPage() {
  const { t } = useI18n();
  const session = useSession();
  const sets = useLoad(() => unwrap(api.GET('/api/v1/hash-sets')));
  const [name, setName] = useState('');
  const [level, setLevel] = useState<Level>('restricted');
  const [knownGood, setKnownGood] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<Record<number, number>>({});
  const [results, setResults] = useState<Record<number, ImportCounts | string>>({});
  const [open, setOpen] = useState<number | null>(null);
  const own = session.info?.user.agencyId;

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await unwrap(api.POST('/api/v1/hash-sets', { body: { name, knownGood, sharing: { level } } }));
      setName('');
      await sets.reload();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const upload = async (setId: number, file: File | undefined) => {
    if (!file) return;
    try {
      const counts = await sendHashList(setId, file, (f) => setProgress((p) => ({ ...p, [setId]: f })));
      setResults((r) => ({ ...r, [setId]: counts }));
    } catch (err) {
      setResults((r) => ({ ...r, [setId]: messageOf(err) }));
    }
  };

  return (
    <main className="page">
      <h1>{t('sets.title')}</h1>
      <ErrorLine message={sets.error} />
      <table className="results" data-testid="hash-sets">
        <thead>
          <tr>
            <th>{t('sets.name')}</th>
            <th>{t('series.sharing')}</th>
            <th>{t('sets.import')}</th>
            <th>{t('sets.export')}</th>
          </tr>
        </thead>
        <tbody>
          {sets.data?.items.map((s) => {
            const result = results[s.id];
            return (
              <Fragment key={s.id}>
                <tr>
                  <td>
                    {s.name}
                    {s.knownGood && <span className="badge">{t('sets.knownGood')}</span>}{' '}
                    <button
                      type="button"
                      className="link"
                      aria-expanded={open === s.id}
                      onClick={() => setOpen(open === s.id ? null : s.id)}
                    >
                      {t('sets.details')}
                    </button>
                  </td>
                  <td>{codeText(t, 'sharing', s.sharing)}</td>
                  <td>
                    {s.agencyId === own && (
                      <label className="check">
                        {t('sets.chooseFile')}{' '}
                        <input type="file" onChange={(e) => void upload(s.id, takeFiles(e.target)[0]?.file)} />
                      </label>
                    )}
                    {progress[s.id] !== undefined && <progress max={1} value={progress[s.id]} />}
                    {typeof result === 'string' && <p className="error">{result}</p>}
                    {result && typeof result !== 'string' && (
                      <p data-testid="import-result">
                        {t('sets.imported', {
                          format: result.format,
                          inserted: result.inserted,
                          duplicates: result.duplicates,
                          rejected: result.rejected,
                        })}
                      </p>
                    )}
                  </td>
                  <td>
                    {(['vics', 'csv', 'hashes'] as const).map((f) => (
                      <a key={f} className="export" href={`/api/v1/hash-sets/${s.id}/export?format=${f}`} download>
                        {f}
                      </a>
                    ))}
                  </td>
                </tr>
                {open === s.id && (
                  <tr>
                    <td colSpan={4}>
                      <HashSetTerms set={s} own={s.agencyId === own} onSaved={() => void sets.reload()} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      <form className="card" onSubmit={create}>
        <h2>{t('sets.new')}</h2>
        <Field
          label={t('sets.name')}
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={200}
        />
        <SharingSelect value={level} onChange={setLevel} />
        <label className="check">
          <input type="checkbox" checked={knownGood} onChange={(e) => setKnownGood(e.target.checked)} />{' '}
          {t('sets.knownGood')}
        </label>
        <ErrorLine message={error} />
        <button type="submit">{t('sets.create')}</button>
      </form>
    </main>
  );
}
