/**
 * A scrolling box that draws only the grid rows in view (see gridWindow): the box's size is
 * measured as it changes, and a scroll redraws only when another row comes into view.
 */
import { type UIEvent, useEffect, useRef, useState } from 'react';
import { type GridWindow, gridWindow } from './grid-window';

export interface GridBox {
  box: React.RefObject<HTMLElement | null>;
  window: GridWindow;
  onScroll(e: UIEvent<HTMLElement>): void;
}

export function useGridWindow(count: number, cell: number): GridBox {
  const box = useRef<HTMLElement>(null);
  const [view, setView] = useState({ width: 800, height: 600, scrollTop: 0 });

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
    onScroll: (e) => {
      // Within a row nothing changes, so only a new first row is worth a redraw.
      const top = Math.floor(e.currentTarget.scrollTop / cell) * cell;
      setView((v) => (v.scrollTop === top ? v : { ...v, scrollTop: top }));
    },
  };
}
