/**
 * The triage's narrowing filters — the agency's category (or none yet), camera serial, capture
 * date, GPS position — drawn over the rows loaded so far (triage-filter.ts holds the rules), with
 * a line that says so: rows not loaded yet are not searched.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import type { filterChoices, TriageFilter } from './triage-filter';

export function TriageNarrowing(p: {
  filter: TriageFilter;
  choices: ReturnType<typeof filterChoices>;
  narrow(change: Partial<TriageFilter>): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { filter, choices, narrow } = p;
  return (
    <fieldset className="filters inline-form" data-testid="triage-filters">
      <legend className="visually-hidden">{t('exhibit.narrow')}</legend>
      <label>
        {t('media.category')}{' '}
        <select value={filter.category} onChange={(e) => narrow({ category: e.target.value })}>
          <option value="">{t('exhibit.any')}</option>
          <option value="none">{t('media.categoryNone')}</option>
          {choices.categories.map((c) => (
            <option key={c.code} value={c.code}>
              {c.code} — {c.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('exhibit.camera')}{' '}
        <select value={filter.camera} onChange={(e) => narrow({ camera: e.target.value })}>
          <option value="">{t('exhibit.any')}</option>
          {choices.cameras.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('exhibit.takenFrom')}{' '}
        <input type="date" value={filter.from} onChange={(e) => narrow({ from: e.target.value })} />
      </label>
      <label>
        {t('exhibit.takenTo')} <input type="date" value={filter.to} onChange={(e) => narrow({ to: e.target.value })} />
      </label>
      <label>
        {t('exhibit.gps')}{' '}
        <select value={filter.gps} onChange={(e) => narrow({ gps: e.target.value as TriageFilter['gps'] })}>
          <option value="any">{t('exhibit.any')}</option>
          <option value="with">{t('exhibit.gpsWith')}</option>
          <option value="without">{t('exhibit.gpsWithout')}</option>
        </select>
      </label>
      {p.children}
      <p className="muted" data-testid="triage-loaded-only">
        {t('exhibit.loadedOnly')}
      </p>
    </fieldset>
  );
}
