/**
 * A scrolling box that draws only the grid rows in view (see gridWindow): the box's size is
 * measured as it changes, and a scroll redraws only when another row comes into view. While the
 * box is scrolling (until it has been still for SETTLE_MS) `scrolling` is true, so cells can hold
 * back their pictures: a fling through thousands of rows then asks the server for the few rows it
 * stops on, not for every row it passed (each one a server-side blur and an audit event).
 */
import { type UIEvent, useEffect, useRef, useState } from 'react';
import { type GridWindow, gridWindow } from './grid-window';

export interface GridBox {
  box: React.RefObject<HTMLElement | null>;
  window: GridWindow;
  scrolling: boolean;
  onScroll(e: UIEvent<HTMLElement>): void;
}

export const SETTLE_MS = 150;

export function useGridWindow(count: number, cell: number): GridBox {
  const box = useRef<HTMLElement>(null);
  const [view, setView] = useState({ width: 800, height: 600, scrollTop: 0 });
  const [scrolling, setScrolling] = useState(false);
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(settle.current), []);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setView((v) => ({ ...v, width: el.clientWidth, height: el.clientHeight }));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return {
    box,
    window: gridWindow({ count, width: view.width, height: view.height, scrollTop: view.scrollTop, cell }),
    scrolling,
    onScroll: (e) => {
      setScrolling(true);
      clearTimeout(settle.current);
      settle.current = setTimeout(() => setScrolling(false), SETTLE_MS);
      // Within a row nothing changes, so only a new first row is worth a redraw.
      const top = Math.floor(e.currentTarget.scrollTop / cell) * cell;
      setView((v) => (v.scrollTop === top ? v : { ...v, scrollTop: top }));
    },
  };
}
