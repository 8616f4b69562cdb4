/**
 * Matches of this agency that involve an item of the series and wait for a verdict: each pair
 * side by side with its distance (the media page's match card), confirmed or rejected here.
 */
import { api, unwrap } from '../api/client';
import { ErrorLine } from '../components/field';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { MatchCard } from './media-match-card';

export function SeriesMatches({ seriesId }: { seriesId: number }) {
  const { t } = useI18n();
  const pending = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/matches', {
          params: { query: { series: seriesId, verdict: 'pending', limit: 50, offset: 0 } },
        }),
      ),
    String(seriesId),
  );
  const total = pending.data?.total ?? 0;
  return (
    <section className="card" data-testid="series-matches">
      <h2>{t('workspace.matches', { n: total })}</h2>
      <ErrorLine message={pending.error} />
      {pending.data?.items.length === 0 && <p className="muted">{t('workspace.noMatches')}</p>}
      {pending.data?.items.map((m) => (
        <MatchCard
          key={m.id}
          mediaId={m.mediaId}
          match={m}
          revealed={false}
          greyscale={false}
          onDecided={pending.reload}
        />
      ))}
      {total > 50 && <p className="muted">{t('workspace.moreMatches', { n: total - 50 })}</p>}
    </section>
  );
}
