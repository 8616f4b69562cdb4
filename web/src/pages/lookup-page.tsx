/**
 * Lookup: paste hashes or drop an image, and see for each whether it is known, a near-duplicate
 * (with its distance) or not known — with the series, category, victim identification and hash
 * set this user may see.
 */
import { type DragEvent, type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import type { paths } from '../api/schema';
import { ErrorLine } from '../components/field';
import { useI18n } from '../i18n/i18n';
import { takeFiles } from '../upload/drop-source';
import { hashTypeName, parseHashes, type SixtyFourAs, verdictOf, victimStatusOf } from './lookup-logic';

type Answer = paths['/api/v1/lookup']['post']['responses'][200]['content']['application/json']['results'][number];

const SINGLE_LIMIT = 100;

export function LookupPage() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [sixtyFour, setSixtyFour] = useState<SixtyFourAs>('both');
  const [answers, setAnswers] = useState<Answer[] | null>(null);
  const [rejected, setRejected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (work: () => Promise<Answer[]>) => {
    setBusy(true);
    setError(null);
    try {
      setAnswers(await work());
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const lookUpText = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseHashes(text, sixtyFour);
    setRejected(parsed.rejected);
    if (parsed.signals.length === 0) return setError(t('lookup.nothing'));
    void run(async () => {
      const body = { signals: parsed.signals };
      const data =
        parsed.signals.length <= SINGLE_LIMIT
          ? await unwrap(api.POST('/api/v1/lookup', { body }))
          : await unwrap(api.POST('/api/v1/lookup/bulk', { body }));
      return data.results;
    });
  };

  const lookUpImage = (file: File) => {
    setRejected([]);
    void run(async () => {
      const form = new FormData();
      form.append('file', file, file.name);
      const data = await unwrap(
        api.POST('/api/v1/lookup/image', { body: form as never, bodySerializer: (b) => b as unknown as FormData }),
      );
      return data.results;
    });
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (file) lookUpImage(file);
  };

  return (
    <main className="page">
      <h1>{t('lookup.title')}</h1>
      <div className="columns">
        <form className="card" onSubmit={lookUpText}>
          <label htmlFor="hashes">{t('lookup.paste')}</label>
          <textarea id="hashes" rows={8} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
          <label htmlFor="sixty-four">{t('lookup.sixtyFour')}</label>
          <select id="sixty-four" value={sixtyFour} onChange={(e) => setSixtyFour(e.target.value as SixtyFourAs)}>
            <option value="both">{t('lookup.both')}</option>
            <option value="pdq">PDQ</option>
            <option value="sha256">SHA-256</option>
          </select>
          <button type="submit" disabled={busy}>
            {t('lookup.submit')}
          </button>
        </form>
        <section
          className="card drop"
          onDragOver={(e) => e.preventDefault()}
          onDrop={onDrop}
          aria-label={t('lookup.drop')}
        >
          <p>{t('lookup.drop')}</p>
          <input
            type="file"
            accept="image/*"
            aria-label={t('lookup.chooseImage')}
            onChange={(e) => {
              const [chosen] = takeFiles(e.target);
              if (chosen) lookUpImage(chosen.file);
            }}
          />
          <p className="muted">{t('lookup.notKept')}</p>
        </section>
      </div>
      <ErrorLine message={error} />
      {rejected.length > 0 && <p className="muted">{t('lookup.rejected', { list: rejected.join(', ') })}</p>}
      {answers && <Answers answers={answers} />}
    </main>
  );
}

function Answers({ answers }: { answers: Answer[] }) {
  const { t, count } = useI18n();
  return (
    <table className="results">
      <thead>
        <tr>
          <th>{t('lookup.hash')}</th>
          <th>{t('lookup.result')}</th>
          <th>{t('lookup.series')}</th>
          <th>{t('lookup.category')}</th>
          <th>{t('lookup.victim')}</th>
          <th>{t('lookup.hashSet')}</th>
        </tr>
      </thead>
      <tbody>
        {answers.map((answer) => {
          const { verdict, closest } = verdictOf(answer.matches);
          const first = answer.matches.find((m) => !m.knownGood) ?? answer.matches[0];
          const victims = first ? victimStatusOf(first.series) : null;
          return (
            <tr key={`${answer.type}:${answer.value}`} data-verdict={verdict}>
              <td>
                <span className="tag">{hashTypeName(answer.type)}</span> <code>{answer.value}</code>
              </td>
              <td>
                <span className={`badge ${verdict}`}>{t(`lookup.verdict.${verdict}`)}</span>
                {verdict === 'near' && closest !== null && ` ${t('lookup.distance', { d: closest })}`}
                {answer.matches.length > 1 && ` · ${count('lookup.matches', answer.matches.length)}`}
              </td>
              <td>{first?.series.map((s) => `${s.reference} ${s.title}`).join('; ') || '—'}</td>
              <td>{(first?.category ?? first?.series[0]?.category)?.label ?? '—'}</td>
              <td data-victims={victims?.status ?? ''}>
                {victims ? t(`lookup.victim.${victims.status}`, victims) : '—'}
              </td>
              <td>{first?.hashSet?.name ?? (first?.source === 'hash_set_entry' ? t('lookup.sharedHashOnly') : '—')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
