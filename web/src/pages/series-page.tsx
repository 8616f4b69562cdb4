/**
 * Series: the list this agency may see (its own and those shared with it), and one series'
 * workspace — its facts, its media as blurred thumbnails opening the media page, the matches of
 * its items awaiting a verdict (side by side), its victims, offenders, places and linked series,
 * its clues (a box drawn on an item), and its notes thread.
 */
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { ErrorLine } from '../components/field';
import { NotesThread } from '../components/notes-thread';
import { useLoad } from '../hooks/use-load';
import { codeText } from '../i18n/code-text';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { useWritesCasework } from '../session';
import { SeriesClues } from './series-clues';
import { SeriesGallery } from './series-gallery';
import { SeriesMatches } from './series-matches';
import { NewSeries } from './series-new';
import { SeriesLinks, SeriesPeople, SeriesPlaces } from './series-records';

export function SeriesListPage() {
  const { t } = useI18n();
  const list = useLoad(() => unwrap(api.GET('/api/v1/series', { params: { query: { limit: 200, offset: 0 } } })));
  const mayStart = useWritesCasework();
  return (
    <main className="page">
      <h1>{t('series.title')}</h1>
      <ErrorLine message={list.error} />
      {list.data?.items.length === 0 ? (
        <p>{t('series.none')}</p>
      ) : (
        <table className="results" data-testid="series">
          <thead>
            <tr>
              <th>{t('cases.reference')}</th>
              <th>{t('cases.caseTitle')}</th>
              <th>{t('series.sharing')}</th>
              <th>{t('media.category')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data?.items.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/series/${s.id}`}>{s.reference}</Link>
                </td>
                <td>{s.title}</td>
                <td>{codeText(t, 'sharing', s.sharing)}</td>
                <td>{s.category ? `${s.category.code} — ${s.category.label}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayStart && <NewSeries />}
    </main>
  );
}

export function SeriesPage({ params }: { params: Record<string, string> }) {
  const { t, count, number } = useI18n();
  const id = Number(params.id);
  const series = useLoad(() => unwrap(api.GET('/api/v1/series/{id}', { params: { path: { id } } })), String(id));
  const [items, setItems] = useState<number[]>([]);
  const s = series.data;
  return (
    <main className="page">
      <p>
        <Link to="/series">{t('series.title')}</Link>
      </p>
      <h1>{s ? `${s.reference} — ${s.title}` : ''}</h1>
      <ErrorLine message={series.error} />
      {s && (
        <p className="muted">
          {t('series.facts', {
            status: codeText(t, 'seriesStatus', s.status),
            sharing: codeText(t, 'sharing', s.sharing),
            media: count('count.media', s.mediaCount),
            victims: count('count.victims', s.victims.total),
            identified: number(s.victims.identified),
          })}
          {s.category ? ` · ${s.category.code} — ${s.category.label}` : ''}
        </p>
      )}
      {s && (
        <>
          <SeriesGallery seriesId={id} onItems={setItems} />
          <SeriesMatches seriesId={id} />
          <div className="columns">
            <SeriesPeople seriesId={id} kind="victim" />
            <SeriesPeople seriesId={id} kind="offender" />
          </div>
          <div className="columns">
            <SeriesPlaces seriesId={id} />
            <SeriesLinks seriesId={id} />
          </div>
          <SeriesClues seriesId={id} mediaIds={items} />
          <NotesThread record={`series:${id}`} mayRead={s.sharing === 'all' ? 'all' : [s.agencyId, ...s.sharedWith]} />
        </>
      )}
    </main>
  );
}
