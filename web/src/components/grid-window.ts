/**
 * Which rows of a large grid to draw: only those in view plus a few above and below, so a grid of
 * 10,000 items keeps a few dozen elements in the page whatever the scroll position.
 */
export interface GridWindow {
  columns: number;
  /** First and last item index drawn (inclusive); last < first when there is nothing. */
  first: number;
  last: number;
  /** Offset of the first drawn row from the top, and the whole grid's height, in px. */
  offsetTop: number;
  totalHeight: number;
}

export function gridWindow(o: {
  count: number;
  width: number;
  height: number;
  scrollTop: number;
  cell: number;
  overscanRows?: number;
}): GridWindow {
  const columns = Math.max(1, Math.floor(o.width / o.cell));
  const rows = Math.ceil(o.count / columns);
  const overscan = o.overscanRows ?? 2;
  const firstRow = Math.max(0, Math.floor(o.scrollTop / o.cell) - overscan);
  const lastRow = Math.min(rows - 1, Math.ceil((o.scrollTop + o.height) / o.cell) + overscan);
  return {
    columns,
    first: firstRow * columns,
    last: Math.min(o.count - 1, (lastRow + 1) * columns - 1),
    offsetTop: firstRow * o.cell,
    totalHeight: rows * o.cell,
  };
}

/**
 * The index a key moves the focus to in a grid of `columns` (arrows; Page Up/Down by the `pageRows`
 * rows in view; Home/End), kept inside it.
 */
export function moveFocus(
  index: number,
  key: string,
  columns: number,
  count: number,
  rtl = false,
  pageRows = 1,
): number | null {
  const by: Record<string, number> = {
    ArrowRight: rtl ? -1 : 1,
    ArrowLeft: rtl ? 1 : -1,
    ArrowDown: columns,
    ArrowUp: -columns,
    PageDown: Math.max(1, pageRows) * columns,
    PageUp: -Math.max(1, pageRows) * columns,
    Home: -index,
    End: count - 1 - index,
  };
  if (!(key in by)) return null;
  return Math.min(count - 1, Math.max(0, index + (by[key] ?? 0)));
}
