/**
 * A series' media as blurred thumbnails opening the media page. Pages of 120 are added below the
 * ones shown ("Show more"), so an investigator keeps what was seen while reading on; the review
 * order handed to the media page is every item shown so far.
 */
import { useEffect, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { thumbUrl } from '../api/media-urls';
import { ErrorLine } from '../components/field';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { saveReviewOrder } from './review-order';

const PAGE = 120;

export function SeriesGallery({ seriesId, onItems }: { seriesId: number; onItems(ids: number[]): void }) {
  const { t } = useI18n();
  const [items, setItems] = useState<number[]>([]);
  const [next, setNext] = useState<number | null>(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = async (after: number, shown: number[]) => {
    setBusy(true);
    try {
      const page = await unwrap(
        api.GET('/api/v1/series/{id}/media', { params: { path: { id: seriesId }, query: { after, limit: PAGE } } }),
      );
      const all = [...shown, ...page.items];
      setItems(all);
      setNext(page.nextAfter ?? null);
      setError(null);
      onItems(all);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new series starts the gallery afresh; load is stable enough
  useEffect(() => {
    setItems([]);
    void load(0, []);
  }, [seriesId]);

  return (
    <section className="card">
      <h2>{t('series.media')}</h2>
      <ErrorLine message={error} />
      <div className="gallery" data-testid="series-media">
        {items.map((mediaId) => (
          <Link key={mediaId} to={`/media/${mediaId}`} onClick={() => saveReviewOrder({ exhibitId: 0, ids: items })}>
            <img src={thumbUrl(mediaId)} alt={t('media.other', { id: mediaId })} loading="lazy" width={120} />
          </Link>
        ))}
      </div>
      {next !== null && (
        <button type="button" className="secondary" disabled={busy} onClick={() => void load(next, items)}>
          {t('series.more')}
        </button>
      )}
    </section>
  );
}
