/**
 * One hash set's facts (source, category scheme, created, licence, who may see it) and, for the
 * owner's agency, its sharing terms to change: the level, the agencies named to see a
 * restricted set, and the licence text that goes with the list.
 */
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import type { paths } from '../api/schema';
import { AgencyPicker } from '../components/agency-picker';
import { ErrorLine } from '../components/field';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';

type HashSet = paths['/api/v1/hash-sets']['get']['responses'][200]['content']['application/json']['items'][number];
export type Level = HashSet['sharing'];

/** The sharing level of a set: for a new set and for changing one's terms. */
export function SharingSelect({ value, onChange }: { value: Level; onChange(level: Level): void }) {
  const { t } = useI18n();
  return (
    <label className="field">
      {t('series.sharing')}
      <select value={value} onChange={(e) => onChange(e.target.value as Level)}>
        <option value="restricted">{t('sets.restricted')}</option>
        <option value="hash_only">{t('sets.hashOnly')}</option>
        <option value="all">{t('sets.all')}</option>
      </select>
    </label>
  );
}

export function HashSetTerms({ set, own, onSaved }: { set: HashSet; own: boolean; onSaved(): void }) {
  const { t, date } = useI18n();
  return (
    <div className="card" data-testid="hash-set-terms">
      <dl className="facts">
        <dt>{t('sets.source')}</dt>
        <dd>{set.source}</dd>
        <dt>{t('sets.scheme')}</dt>
        <dd>{set.scheme ?? t('sets.noScheme')}</dd>
        <dt>{t('sets.created')}</dt>
        <dd>{date(set.createdAt)}</dd>
        <dt>{t('sets.licence')}</dt>
        <dd>{set.licence ?? t('sets.noLicence')}</dd>
      </dl>
      {own && <TermsForm set={set} onSaved={onSaved} />}
    </div>
  );
}

function TermsForm({ set, onSaved }: { set: HashSet; onSaved(): void }) {
  const { t } = useI18n();
  const agencies = useLoad(() => unwrap(api.GET('/api/v1/agencies')));
  const [level, setLevel] = useState<Level>(set.sharing);
  const [named, setNamed] = useState<number[]>(set.sharedWith);
  const [licence, setLicence] = useState(set.licence ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    try {
      const body = { level, agencies: level === 'restricted' ? named : [], licence: licence.trim() || null };
      await unwrap(api.PUT('/api/v1/hash-sets/{id}/sharing', { params: { path: { id: set.id } }, body }));
      setError(null);
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const others = agencies.data?.items.filter((a) => a.id !== set.agencyId) ?? [];
  return (
    <form onSubmit={save}>
      <SharingSelect value={level} onChange={setLevel} />
      {level === 'restricted' && others.length > 0 && (
        <AgencyPicker legend={t('sets.named')} agencies={others} chosen={named} onChange={setNamed} />
      )}
      <label className="field">
        {t('sets.licence')}
        <textarea value={licence} maxLength={10_000} onChange={(e) => setLicence(e.target.value)} />
      </label>
      <ErrorLine message={error ?? agencies.error} />
      <button type="submit">{t('sets.saveTerms')}</button>
      {saved && <span role="status">{t('sets.termsSaved')}</span>}
    </form>
  );
}
