/**
 * Where this agency found the item: each sighting's path within its exhibit (evidence, shown as
 * named; an exhibit's page one click away), the case, and the file's own last-modified time; and
 * when the picture says it was taken, in the file's own wall-clock time and zone.
 */
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { type Taken, takenText } from './taken-text';

interface Sighting {
  id: number;
  exhibitId: number;
  exhibitLabel: string;
  caseReference: string;
  path: string;
  fileModifiedAt: number | null;
}

export function MediaSightings(props: {
  sightings: { items: readonly Sighting[]; total: number };
  taken: Taken | null;
}) {
  const { t, language } = useI18n();
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const { items, total } = props.sightings;
  return (
    <>
      {props.taken && <p data-testid="taken">{t('media.taken', { when: takenText(props.taken) })}</p>}
      <h2>{t('media.found')}</h2>
      {items.length === 0 && <p>{t('media.foundNone')}</p>}
      {items.length > 0 && (
        <ul className="sightings" data-testid="sightings">
          {items.map((s) => (
            <li key={s.id}>
              <code dir="auto">{s.path}</code>{' '}
              <span className="muted">
                {t('media.foundIn', { case: s.caseReference })}{' '}
                <Link to={`/exhibits/${s.exhibitId}`}>{s.exhibitLabel}</Link>
                {s.fileModifiedAt !== null && ` · ${t('media.modified', { when: when.format(s.fileModifiedAt) })}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      {total > items.length && <p className="muted">{t('media.foundMore', { shown: items.length, total })}</p>}
    </>
  );
}
