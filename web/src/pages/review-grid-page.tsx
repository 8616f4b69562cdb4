/**
 * An exhibit's files as a grid of thumbnails, blurred by the server unless revealed one at a time,
 * in review order — new and near-duplicate first. Virtualised: only the rows in view are in the
 * page, so 10,000 items scroll as smoothly as 10. The grid has its full height from the exhibit's
 * counts by status at once; the results themselves come a page at a time, in review order, for
 * the rows in view and near it, wherever that is (those show grey boxes until their page comes):
 * a jump to the end fetches the last pages from their offset, not every page before them. A file
 * that could not be read has no picture and cannot be opened. The first cell has the keyboard focus
 * on arrival; arrows (and j/k), Page Up/Down, Home and End move it, number keys categorise the
 * focused item, R reveals it in place (and blurs it again; each reveal is recorded and counted),
 * G turns the whole grid grey, Enter opens the item to review, Esc goes back.
 */
import { type KeyboardEvent, memo, useCallback, useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/error-text';
import { thumbUrl } from '../api/media-urls';
import { announceReveal } from '../components/exposure-counter';
import { ErrorLine } from '../components/field';
import { moveFocus } from '../components/grid-window';
import { SettledImg } from '../components/settled-img';
import { useGridWindow } from '../components/use-grid-window';
import { heldRows } from '../hooks/scan-page-plan';
import { useLoad } from '../hooks/use-load';
import { type ScanRow, useScanPages } from '../hooks/use-scan-pages';
import { LANGUAGES, useI18n } from '../i18n/i18n';
import { Link, useRoute } from '../router';
import { mediaKeyAction } from './media-keys';
import { gridPosition, listOf, readReviewOrder, saveReviewOrder } from './review-order';

const CELL = 136;
const SCHEME = 'projectvic_us';

export function ReviewGridPage({ params }: { params: Record<string, string> }) {
  const { t, count, language } = useI18n();
  const { navigate } = useRoute();
  const id = Number(params.id);
  const detail = useLoad(
    () => unwrap(api.GET('/api/v1/exhibits/{id}', { params: { path: { id }, query: { limit: 1 } } })),
    String(id),
  );
  const pages = useScanPages(id);
  const rows = pages.rows;
  const total = Object.values(detail.data?.scanStatus ?? {}).reduce((sum, n) => sum + n, 0);
  // Back from a media page opened here: the grid returns to the item last opened or stepped to.
  const [focus, setFocus] = useState(() => gridPosition(readReviewOrder(), id) ?? 0);
  const restore = useRef(focus > 0);
  const [said, setSaid] = useState('');
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(new Set());
  const [grey, setGrey] = useState(false);
  const schemes = useLoad(() => unwrap(api.GET('/api/v1/category-schemes')));
  const values = schemes.data?.items.find((s) => s.code === SCHEME)?.values ?? [];

  const { box, window: w, scrolling, onScroll } = useGridWindow(total, CELL);
  // The rows drawn, a screen of rows above them and two below: their pages are fetched before they
  // are seen, those drawn first; a jump (End, the scrollbar dragged) fetches only where it lands.
  const { want } = pages;
  const screen = w.last - w.first + 1;
  const from = Math.max(0, w.first - screen);
  const to = Math.min(total - 1, w.last + 2 * screen);
  useEffect(() => {
    if (to >= from && w.last >= w.first) want({ first: from, last: to }, { first: w.first, last: w.last });
  }, [from, to, w.first, w.last, want]);

  useEffect(() => {
    const el = box.current;
    if (!restore.current || !el || total <= focus || w.columns < 1) return;
    restore.current = false;
    const top = Math.floor(focus / w.columns) * CELL;
    el.scrollTop = Math.max(0, top - Math.floor((el.clientHeight - CELL) / 2));
  }, [total, focus, w.columns, box]);

  const open = useCallback(
    (index: number) => {
      const item = rows[index];
      if (!item || item.mediaId === null) return;
      const list = listOf({}, rows, index, pages.done ? rows.length : null);
      saveReviewOrder({ exhibitId: id, ids: mediaIdsOf(rows), list, fromGrid: true });
      navigate(`/media/${item.mediaId}`);
    },
    [rows, pages.done, id, navigate],
  );
  const categorise = async (index: number, code: string) => {
    const item = rows[index];
    if (!item || item.mediaId === null) return;
    try {
      const body = { category: { scheme: SCHEME, code } };
      await unwrap(api.PUT('/api/v1/media/{id}/category', { params: { path: { id: item.mediaId } }, body }));
      setSaid(t('grid.categorised', { path: item.path, code }));
    } catch (err) {
      detail.setError(messageOf(err));
    }
  };
  const toggleReveal = (index: number) => {
    const item = rows[index];
    if (!item || item.mediaId === null) return;
    const mediaId = item.mediaId;
    setRevealed((r) => {
      const next = new Set(r);
      if (!next.delete(mediaId)) next.add(mediaId);
      return next;
    });
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter') return open(focus);
    const rtl = LANGUAGES[language].dir === 'rtl';
    const action = e.key.startsWith('Arrow')
      ? null
      : mediaKeyAction(e.key, { rtl, modifier: e.ctrlKey || e.metaKey || e.altKey });
    if (action?.kind === 'category') {
      const value = values[action.index];
      if (value) void categorise(focus, value.code);
      return;
    }
    if (action?.kind === 'back') return navigate(`/exhibits/${id}`);
    if (action?.kind === 'reveal') return toggleReveal(focus);
    if (action?.kind === 'greyscale') return setGrey((g) => !g);
    const key = action?.kind === 'step' ? (action.by === 1 ? 'ArrowRight' : 'ArrowLeft') : e.key;
    const pageRows = Math.floor((box.current?.clientHeight ?? 0) / CELL);
    const next = moveFocus(focus, key, w.columns, total, action?.kind === 'step' ? false : rtl, pageRows);
    if (next === null) return;
    e.preventDefault();
    setFocus(next);
    const el = box.current;
    const top = Math.floor(next / w.columns) * CELL;
    if (el && (top < el.scrollTop || top + CELL > el.scrollTop + el.clientHeight)) el.scrollTop = top;
  };

  // Keep the keyboard focus on the focused cell as it moves (the cell exists once its row is drawn).
  // A jump (End, Page Down) unmounts the cell that had the focus, and the browser hands the focus
  // to the page's body: the grid keeps the element it last focused, and when that one has left the
  // page (not when the reader clicked elsewhere) the new cell takes the focus once it is drawn.
  // On arrival the first cell drawn takes it too if nothing else has it, so the keys work at once.
  const hadFocus = useRef<Element | null>(null);
  const arrived = useRef(false);
  useEffect(() => {
    const cell = box.current?.querySelector<HTMLButtonElement>(`[data-index="${focus}"]`);
    const active = document.activeElement;
    const idle = active === null || active === document.body;
    const removed = hadFocus.current?.isConnected === false && idle;
    const first = !arrived.current && idle;
    if (cell) arrived.current = true;
    if (cell && (box.current?.contains(active) || removed || first)) cell.focus({ preventScroll: true });
  });

  const drawn = [];
  for (let i = w.first; i <= w.last; i++) {
    const item = rows[i];
    const x = (i % w.columns) * CELL;
    const y = Math.floor(i / w.columns) * CELL;
    if (!item) {
      drawn.push(<PendingCell key={`pending-${i}`} x={x} y={y} />);
      continue;
    }
    drawn.push(
      <GridCell
        key={item.id}
        item={item}
        index={i}
        x={x}
        y={y}
        focused={i === focus}
        revealed={item.mediaId !== null && revealed.has(item.mediaId)}
        grey={grey}
        scrolling={scrolling}
        label={t(`status.${item.status}` as 'status.all')}
        missing={t('grid.noPreview')}
        onOpen={open}
        onFocusCell={setFocus}
      />,
    );
  }

  const focused = rows[focus];
  return (
    <main className="page">
      <p>
        <Link to={`/exhibits/${id}`}>{t('media.back')}</Link>
      </p>
      <h1>{count('grid.title', total)}</h1>
      <p className="muted">{t('grid.help')}</p>
      <ErrorLine message={detail.error ?? pages.error ?? schemes.error} />
      <p className="grid-tools">
        <button type="button" className="secondary" onClick={() => toggleReveal(focus)} disabled={!focused?.mediaId}>
          {focused?.mediaId && revealed.has(focused.mediaId) ? t('media.hide') : t('grid.reveal')}
        </button>{' '}
        <label>
          <input type="checkbox" checked={grey} onChange={(e) => setGrey(e.target.checked)} /> {t('media.greyscale')}
        </label>
      </p>
      <p role="status" aria-live="polite" data-testid="grid-said">
        {said}
      </p>
      <section
        ref={box}
        className="grid-box"
        aria-label={count('grid.title', total)}
        data-testid="review-grid"
        data-loaded={pages.loaded}
        onKeyDown={onKey}
        onScroll={onScroll}
        onFocus={(e) => {
          hadFocus.current = e.target;
        }}
        onBlur={(e) => {
          // Still on the page after the blur: the reader moved the focus away, so it stays away.
          const left = e.target;
          queueMicrotask(() => {
            if (left.isConnected && hadFocus.current === left) hadFocus.current = null;
          });
        }}
      >
        <div className="grid-inner" style={{ height: w.totalHeight }}>
          {drawn}
        </div>
      </section>
    </main>
  );
}

/** The media of the rows loaded (holes skipped), each once, in grid order: what the media page steps through. */
function mediaIdsOf(rows: readonly (ScanRow | undefined)[]): number[] {
  return [...new Set(heldRows(rows).flatMap((r) => (r.mediaId === null ? [] : [r.mediaId])))];
}

/** A place whose result has not come yet: a grey box the size of a thumbnail. */
function PendingCell({ x, y }: { x: number; y: number }) {
  return (
    <span className="cell-pending" style={{ transform: `translate(${x}px, ${y}px)` }} aria-hidden="true">
      <span className="img-wait" style={{ width: 120, height: 96 }} />
    </span>
  );
}

interface CellProps {
  item: ScanRow;
  index: number;
  x: number;
  y: number;
  focused: boolean;
  revealed: boolean;
  grey: boolean;
  scrolling: boolean;
  label: string;
  /** Said in the place of a picture the hub has none of. */
  missing: string;
  onOpen(index: number): void;
  onFocusCell(index: number): void;
}

/** One thumbnail at its fixed place in the grid: unchanged while it stays in view, so never redrawn. */
const GridCell = memo(function GridCell(p: CellProps) {
  return (
    <button
      type="button"
      className={`cell status-${p.item.status}${p.focused ? ' focused' : ''}`}
      style={{ transform: `translate(${p.x}px, ${p.y}px)` }}
      title={p.item.path}
      onClick={() => p.onOpen(p.index)}
      onFocus={() => p.onFocusCell(p.index)}
      tabIndex={p.focused ? 0 : -1}
      data-index={p.index}
    >
      {p.item.mediaId === null ? (
        <span className="img-wait" style={{ width: 120, height: 96 }} />
      ) : (
        <SettledImg
          scrolling={p.scrolling}
          missing={p.missing}
          src={thumbUrl(p.item.mediaId, { reveal: p.revealed, greyscale: p.grey })}
          alt={p.item.path}
          decoding="async"
          width={120}
          height={96}
          data-revealed={p.revealed}
          onLoad={() => p.revealed && announceReveal()}
        />
      )}
      <span className={`badge status-${p.item.status}`}>{p.label}</span>
    </button>
  );
});
