/**
 * A series' media as blurred thumbnails opening the media page, in a virtualised box: only the
 * rows in view are in the page, so a series of thousands scrolls as smoothly as one of ten.
 * Pages of 120 are fetched as the reader nears the end of those loaded (or on "More"), and the
 * review order handed to the media page is every item loaded so far.
 */
import { useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { thumbUrl } from '../api/media-urls';
import { ErrorLine } from '../components/field';
import { SettledImg } from '../components/settled-img';
import { useGridWindow } from '../components/use-grid-window';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { saveReviewOrder } from './review-order';

const PAGE = 120;
const CELL = 128;

export function SeriesGallery({ seriesId, onItems }: { seriesId: number; onItems(ids: number[]): void }) {
  const { t } = useI18n();
  const [items, setItems] = useState<number[]>([]);
  const [next, setNext] = useState<number | null>(0);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);
  const { box, window: w, scrolling, onScroll } = useGridWindow(items.length, CELL);

  const load = async (after: number, shown: number[]) => {
    if (busy.current) return;
    busy.current = true;
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
      busy.current = false;
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new series starts the gallery afresh; load is stable enough
  useEffect(() => {
    setItems([]);
    setNext(0);
    void load(0, []);
  }, [seriesId]);

  // Within two rows of the end of what is loaded: fetch the next page (not after a failure).
  const nearEnd = items.length > 0 && w.last >= items.length - 1 - 2 * w.columns;
  // biome-ignore lint/correctness/useExhaustiveDependencies: load reads the current items and page
  useEffect(() => {
    if (nearEnd && next !== null && error === null) void load(next, items);
  }, [nearEnd, next, error]);

  const drawn = [];
  for (let i = w.first; i <= w.last; i++) {
    const mediaId = items[i];
    if (mediaId === undefined) continue;
    drawn.push(
      <Link
        key={mediaId}
        to={`/media/${mediaId}`}
        className="cell"
        style={{ transform: `translate(${(i % w.columns) * CELL}px, ${Math.floor(i / w.columns) * CELL}px)` }}
        onClick={() => saveReviewOrder({ exhibitId: 0, seriesId, ids: items })}
      >
        <SettledImg
          scrolling={scrolling}
          missing={t('grid.noPreview')}
          src={thumbUrl(mediaId)}
          alt={t('media.other', { id: mediaId })}
          decoding="async"
          width={120}
          height={96}
        />
      </Link>,
    );
  }

  return (
    <section className="card">
      <h2>{t('series.media')}</h2>
      <ErrorLine message={error} />
      <section
        ref={box}
        className="grid-box gallery-box"
        aria-label={t('series.media')}
        data-testid="series-media"
        data-loaded={items.length}
        onScroll={onScroll}
      >
        <div className="grid-inner" style={{ height: w.totalHeight }}>
          {drawn}
        </div>
      </section>
      {next !== null && (
        <button type="button" className="secondary" onClick={() => void load(next, items)}>
          {t('series.more')}
        </button>
      )}
    </section>
  );
}
