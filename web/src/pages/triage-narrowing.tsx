/**
 * The triage's narrowing filters — the agency's category (or none yet) in any scheme, camera
 * serial, capture date, GPS position — each asked of the hub for the whole exhibit
 * (triage-filter.ts holds the rules). The camera serial is typed, with the exhibit's serials and
 * their file counts suggested (asked of the hub, so every serial of the exhibit is there), and
 * asked once typing pauses, not at every key.
 */
import { type ReactNode, useEffect, useState } from 'react';
import { api, unwrap } from '../api/client';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import type { TriageFilter } from './triage-filter';

const TYPING_PAUSE_MS = 400;

export function TriageNarrowing(p: {
  exhibitId: number;
  /** Changes when the exhibit's results do (the serials are asked again). */
  fresh: string;
  filter: TriageFilter;
  narrow(change: Partial<TriageFilter>): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { filter, narrow } = p;
  const schemes = useLoad(() => unwrap(api.GET('/api/v1/category-schemes')));
  const cameras = useLoad(
    () => unwrap(api.GET('/api/v1/exhibits/{id}/camera-serials', { params: { path: { id: p.exhibitId } } })),
    `${p.exhibitId}|${p.fresh}`,
  );
  const [camera, setCamera] = useState(filter.camera);
  useEffect(() => {
    if (camera === filter.camera) return;
    const timer = setTimeout(() => narrow({ camera }), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [camera, filter.camera, narrow]);

  return (
    <fieldset className="filters inline-form" data-testid="triage-filters">
      <legend className="visually-hidden">{t('exhibit.narrow')}</legend>
      <label>
        {t('media.category')}{' '}
        <select value={filter.category} onChange={(e) => narrow({ category: e.target.value })}>
          <option value="">{t('exhibit.any')}</option>
          <option value="none">{t('media.categoryNone')}</option>
          {(schemes.data?.items ?? []).map((s) => (
            <optgroup key={s.code} label={s.name}>
              {s.values.map((v) => (
                <option key={v.code} value={`${s.code}:${v.code}`}>
                  {v.code} — {v.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label>
        {t('exhibit.camera')}{' '}
        <input
          type="search"
          list="triage-cameras"
          value={camera}
          placeholder={t('exhibit.any')}
          onChange={(e) => setCamera(e.target.value)}
        />
        <datalist id="triage-cameras">
          {(cameras.data?.items ?? []).map((c) => (
            <option
              key={c.serial}
              value={c.serial}
              label={t('exhibit.cameraFiles', { serial: c.serial, n: c.files })}
            />
          ))}
        </datalist>
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
      {schemes.error && <p className="error">{schemes.error}</p>}
      {cameras.error && <p className="error">{cameras.error}</p>}
    </fieldset>
  );
}
