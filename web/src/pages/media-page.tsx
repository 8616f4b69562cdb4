/**
 * One media item under review, with the safeguards investigators need: the picture blurred until
 * they choose to reveal it (each reveal recorded and counted in the top bar), greyscale, a video's
 * stills blurred likewise and the video itself played muted and blurred until revealed, its details, the agency's category set with number keys, and its
 * matches side by side with the other item to confirm or reject. ← → move through the exhibit's
 * review order (or the series gallery it was opened from), Esc goes back there.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { thumbUrl } from '../api/media-urls';
import { announceReveal } from '../components/exposure-counter';
import { ErrorLine } from '../components/field';
import { useLoad } from '../hooks/use-load';
import { fetchReviewPage } from '../hooks/use-scan-pages';
import { LANGUAGES, useI18n } from '../i18n/i18n';
import { Link, useRoute } from '../router';
import { mediaKeyAction, neighbour } from './media-keys';
import { MatchCard } from './media-match-card';
import { MediaSeries } from './media-series';
import { MediaSightings } from './media-sightings';
import { MediaVideo } from './media-video';
import { type ReviewOrder, readReviewOrder, reviewBack, saveReviewOrder, stepList, withPage } from './review-order';

const SCHEME = 'projectvic_us';
const BACK_TEXT = { grid: 'media.backGrid', exhibit: 'media.back', series: 'media.backSeries' } as const;

export function MediaPage({ params }: { params: Record<string, string> }) {
  const { t, count, language } = useI18n();
  const { navigate } = useRoute();
  const id = Number(params.id);
  const media = useLoad(() => unwrap(api.GET('/api/v1/media/{id}', { params: { path: { id } } })), String(id));
  const schemes = useLoad(() => unwrap(api.GET('/api/v1/category-schemes')));
  const [revealed, setRevealed] = useState(false);
  const [grey, setGrey] = useState(false);
  const order = readReviewOrder();
  const back = reviewBack(order);
  const values = schemes.data?.items.find((s) => s.code === SCHEME)?.values ?? [];

  useEffect(() => {
    void id;
    setRevealed(false);
  }, [id]);

  const categorise = useCallback(
    async (code: string | null) => {
      try {
        const category = code === null ? null : { scheme: SCHEME, code };
        await unwrap(api.PUT('/api/v1/media/{id}/category', { params: { path: { id } }, body: { category } }));
        await media.reload();
      } catch (err) {
        media.setError(messageOf(err));
      }
    },
    [id, media.reload, media.setError],
  );

  // One step at a time: a key held down must not start a second fetch of the same page.
  const stepping = useRef(false);
  const step = useCallback(
    async (by: -1 | 1) => {
      if (stepping.current || !order) return;
      stepping.current = true;
      try {
        const next = await nextInOrder(order, id, by);
        if (next !== null) navigate(`/media/${next}`);
      } catch (err) {
        media.setError(messageOf(err));
      } finally {
        stepping.current = false;
      }
    },
    [order, id, navigate, media.setError],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const action = mediaKeyAction(e.key, {
        rtl: LANGUAGES[language].dir === 'rtl',
        inField: !!target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName),
        modifier: e.ctrlKey || e.metaKey || e.altKey,
      });
      if (!action) return;
      e.preventDefault();
      if (action.kind === 'category') {
        const value = values[action.index];
        if (value) void categorise(value.code);
      } else if (action.kind === 'step') {
        void step(action.by);
      } else if (action.kind === 'reveal') setRevealed((r) => !r);
      else if (action.kind === 'greyscale') setGrey((g) => !g);
      else if (back) navigate(back.path);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [values, categorise, step, back, language, navigate]);

  const m = media.data;
  return (
    <main className="page media-page">
      {back && (
        <p>
          <Link to={back.path}>{t(BACK_TEXT[back.to])}</Link>
        </p>
      )}
      <h1>{t('media.title', { id })}</h1>
      <ErrorLine message={media.error ?? schemes.error} />
      <p className="muted">{t('media.categoryKeys')}</p>
      {m && (
        <div className="review">
          <figure className="viewer">
            {m.thumbnail && (
              <img
                src={thumbUrl(id, { reveal: revealed, greyscale: grey })}
                alt={revealed ? '' : t('media.blurred')}
                data-testid="viewer-image"
                data-revealed={revealed}
                onLoad={() => revealed && announceReveal()}
              />
            )}
            <figcaption>
              {!revealed && <span>{t('media.blurred')} </span>}
              <button type="button" onClick={() => setRevealed((r) => !r)}>
                {revealed ? t('media.hide') : t('media.reveal')}
              </button>{' '}
              <label className="check">
                <input type="checkbox" checked={grey} onChange={(e) => setGrey(e.target.checked)} />{' '}
                {t('media.greyscale')}
              </label>
            </figcaption>
            {m.video && (
              <MediaVideo id={id} stills={m.video.stills} playable={m.content} revealed={revealed} grey={grey} />
            )}
          </figure>
          <section className="card">
            <h2>{t('media.category')}</h2>
            <p data-testid="category">
              {m.category ? `${m.category.code} — ${m.category.label}` : t('media.categoryNone')}
            </p>
            <div className="keys">
              {values.map((v, i) => (
                <button key={v.code} type="button" className="secondary" onClick={() => void categorise(v.code)}>
                  {i}: {v.label}
                </button>
              ))}
              <button type="button" className="link" onClick={() => void categorise(null)}>
                {t('media.clear')}
              </button>
            </div>
            <h2>{t('media.facts')}</h2>
            <p>{t('media.size', { bytes: count('count.bytes', m.size), type: m.mime ?? '?' })}</p>
            {m.video && (
              <p>
                {t('media.video', {
                  codec: m.video.codec,
                  width: m.video.width,
                  height: m.video.height,
                  seconds: Math.round(m.video.durationSeconds ?? 0),
                  fps: Math.round(m.video.frameRate * 100) / 100,
                })}
              </p>
            )}
            {m.metadata?.cameraModel && (
              <p>
                {t('media.camera', {
                  camera: [m.metadata.cameraMake, m.metadata.cameraModel, m.metadata.cameraSerial]
                    .filter(Boolean)
                    .join(' '),
                })}
              </p>
            )}
            <p>
              <code>{m.sha256}</code>
            </p>
            <MediaSightings sightings={m.sightings} taken={m.metadata?.capturedAt ?? null} />
            <MediaSeries mediaId={id} series={m.series} onAdded={media.reload} />
          </section>
          <section className="card matches">
            <h2>{t('media.matches')}</h2>
            {m.matches.length === 0 && <p>{t('media.matchesNone')}</p>}
            {m.matches.map((match) => (
              <MatchCard
                key={match.id}
                mediaId={id}
                match={match}
                revealed={revealed}
                greyscale={grey}
                onDecided={media.reload}
              />
            ))}
          </section>
        </div>
      )}
    </main>
  );
}

/**
 * The media ← or → goes to from `id`: in an exhibit's list, past rows not read yet by fetching
 * their page from the hub (saved back, with the new position, for the next step); in a gallery,
 * its neighbour. Null at either end.
 */
async function nextInOrder(order: ReviewOrder, id: number, by: -1 | 1): Promise<number | null> {
  if (!order.list) return neighbour(order.ids, id, by);
  let list = order.list;
  // Each fetch fills the position the step stopped at, so a few pages without media are the most it reads.
  for (let fetched = 0; fetched < 5; fetched++) {
    const next = stepList(list, id, by);
    if (next.kind === 'end') return null;
    if (next.kind === 'go') {
      saveReviewOrder({ ...order, list: { ...list, at: next.at } });
      return next.id;
    }
    const page = await fetchReviewPage(order.exhibitId, list.query, { offset: next.offset });
    list = withPage(
      list,
      next.offset,
      page.items.map((r) => r.mediaId),
      page.nextCursor === null,
    );
    saveReviewOrder({ ...order, list });
  }
  return null;
}
