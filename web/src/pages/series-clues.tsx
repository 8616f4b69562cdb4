/**
 * Clues of a series: details in its pictures that may tell where they were made (an object, a
 * text, a logo, a language). Pick one of the series' items, draw a box around the detail on it
 * (blurred unless revealed, as everywhere), say what it is, and the clue is stored on the item and
 * linked to the series. Boxes are in the picture as displayed (EXIF orientation applied), in its
 * own pixels; each clue is listed with its box drawn over the item.
 */
import { type FormEvent, type PointerEvent, useRef, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { thumbUrl } from '../api/media-urls';
import { ErrorLine, Field } from '../components/field';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { type Crop, cropStyle, dragToCrop, type Point, type Size } from './crop-box';
import { linkedIds } from './series-records';

const KINDS = ['object', 'text', 'logo', 'language', 'sound', 'other'] as const;
type ClueKind = (typeof KINDS)[number];

/** The item's size as displayed: stored width × height, swapped when EXIF turns it a quarter. */
async function displayedSize(mediaId: number): Promise<Size | null> {
  const m = await unwrap(api.GET('/api/v1/media/{id}', { params: { path: { id: mediaId } } }));
  if (!m.width || !m.height) return null;
  const quarter = (m.metadata?.orientation ?? 1) >= 5;
  return quarter ? { width: m.height, height: m.width } : { width: m.width, height: m.height };
}

/** A crop's numbers for a message. */
const cropWords = (c: Crop) => ({ x: c.x, y: c.y, w: c.w, h: c.h });

/** A box over a picture, where a stored crop lies. */
function Box({ crop, size }: { crop: Crop; size: Size }) {
  return <span className="crop-box" style={cropStyle(crop, size)} />;
}

export function SeriesClues({ seriesId, mediaIds }: { seriesId: number; mediaIds: readonly number[] }) {
  const { t } = useI18n();
  const clues = useLoad(async () => {
    const ids = await linkedIds(seriesId, 'clue');
    const list = await Promise.all(
      ids.map((id) => unwrap(api.GET('/api/v1/clues/{id}', { params: { path: { id } } }))),
    );
    const sizes = new Map<number, Size | null>();
    for (const c of list) if (c.crop && !sizes.has(c.mediaId)) sizes.set(c.mediaId, await displayedSize(c.mediaId));
    return list.map((c) => ({ ...c, size: sizes.get(c.mediaId) ?? null }));
  }, String(seriesId));
  const [picked, setPicked] = useState<{ id: number; size: Size | null } | null>(null);
  const [revealed, setRevealed] = useState(false);
  const [crop, setCrop] = useState<Crop | null>(null);
  const [drag, setDrag] = useState<{ a: Point; b: Point } | null>(null);
  // Where the drag began, read by the pointer handlers at once: events of a quick drag can arrive
  // before React has rendered the state the previous one set.
  const dragStart = useRef<Point | null>(null);
  const [kind, setKind] = useState<ClueKind>('object');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const picture = useRef<HTMLImageElement>(null);

  const pick = async (id: number) => {
    setCrop(null);
    setRevealed(false);
    try {
      setPicked({ id, size: await displayedSize(id) });
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const at = (e: PointerEvent): Point => {
    const r = picture.current?.getBoundingClientRect();
    return { x: e.clientX - (r?.left ?? 0), y: e.clientY - (r?.top ?? 0) };
  };
  const shown = (): Size => ({ width: picture.current?.clientWidth ?? 0, height: picture.current?.clientHeight ?? 0 });
  const finish = (e: PointerEvent) => {
    const a = dragStart.current;
    dragStart.current = null;
    if (!a || !picked?.size) return;
    setCrop(dragToCrop(a, at(e), shown(), picked.size));
    setDrag(null);
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!picked) return;
    try {
      const body = { kind, description, crop };
      const clue = await unwrap(api.POST('/api/v1/media/{id}/clues', { params: { path: { id: picked.id } }, body }));
      await unwrap(api.POST('/api/v1/links', { body: { from: `clue:${clue.id}`, to: `series:${seriesId}` } }));
      setDescription('');
      setCrop(null);
      setError(null);
      await clues.reload();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const live = drag && picked?.size ? dragToCrop(drag.a, drag.b, shown(), picked.size, 1) : null;
  const box = live ?? crop;
  return (
    <section className="card" data-testid="series-clues">
      <h2>{t('workspace.clues')}</h2>
      <ErrorLine message={clues.error ?? error} />
      {clues.data?.length === 0 && <p className="muted">{t('workspace.noneYet')}</p>}
      <ul className="clues">
        {clues.data?.map((c) => (
          <li key={c.id} data-testid="clue">
            <span className="framed">
              <img src={thumbUrl(c.mediaId)} alt={t('media.other', { id: c.mediaId })} width={120} />
              {c.crop && c.size && <Box crop={c.crop} size={c.size} />}
            </span>
            <span>
              <strong>{t(`workspace.kind.${c.kind}` as 'workspace.kind.object')}</strong>: {c.description}
              <br />
              <Link to={`/media/${c.mediaId}`}>{t('media.other', { id: c.mediaId })}</Link>
              {c.crop && ` · ${t('workspace.cropAt', cropWords(c.crop))}`}
            </span>
          </li>
        ))}
      </ul>
      <h3>{t('workspace.newClue')}</h3>
      <p className="muted">{t('workspace.clueHelp')}</p>
      <fieldset className="gallery">
        <legend className="visually-hidden">{t('workspace.pickItem')}</legend>
        {mediaIds.slice(0, 24).map((id) => (
          <button
            type="button"
            key={id}
            className={`pick${picked?.id === id ? ' picked' : ''}`}
            aria-pressed={picked?.id === id}
            onClick={() => void pick(id)}
          >
            <img src={thumbUrl(id)} alt={t('workspace.pickThis', { id })} loading="lazy" />
          </button>
        ))}
      </fieldset>
      {picked && (
        <form className="clue-editor" onSubmit={(e) => void save(e)}>
          <div
            className="framed drawing"
            data-testid="clue-canvas"
            onPointerDown={(e) => {
              e.currentTarget.setPointerCapture(e.pointerId);
              dragStart.current = at(e);
              setDrag({ a: at(e), b: at(e) });
            }}
            onPointerMove={(e) => {
              const a = dragStart.current;
              if (a) setDrag({ a, b: at(e) });
            }}
            onPointerUp={finish}
          >
            <img
              ref={picture}
              src={thumbUrl(picked.id, { reveal: revealed })}
              alt={t('media.other', { id: picked.id })}
              draggable={false}
            />
            {box && picked.size && <Box crop={box} size={picked.size} />}
          </div>
          <p>
            <button type="button" className="secondary" onClick={() => setRevealed(true)} disabled={revealed}>
              {t('media.reveal')}
            </button>{' '}
            <span data-testid="clue-crop">
              {box ? t('workspace.cropAt', cropWords(box)) : t(picked.size ? 'workspace.drawBox' : 'workspace.noSize')}
            </span>
          </p>
          <label>
            {t('workspace.clueKind')}{' '}
            <select value={kind} onChange={(e) => setKind(e.target.value as ClueKind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`workspace.kind.${k}` as 'workspace.kind.object')}
                </option>
              ))}
            </select>
          </label>
          <Field
            label={t('workspace.clueDescription')}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            required
            maxLength={4000}
          />
          <button type="submit">{t('workspace.saveClue')}</button>
        </form>
      )}
    </section>
  );
}
