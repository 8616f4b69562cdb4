/**
 * The geometry of a clue's crop box: a box dragged over a picture as shown on screen becomes a
 * rectangle in the media's own pixels (what the API stores), and a stored rectangle is drawn back
 * over the picture at any size, as percentages. Pure, so every edge is tested.
 */

export interface Size {
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** A rectangle in the media's pixels: left, top, width, height (the API's `crop`). */
export interface Crop {
  x: number;
  y: number;
  w: number;
  h: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * The crop for a drag from `a` to `b` (pointer positions relative to the shown picture, any
 * direction, possibly outside it), or null when the box is under `minShown` pixels wide or high
 * on screen (a click, not a drag). The result lies within the media and is at least 1×1.
 */
export function dragToCrop(a: Point, b: Point, shown: Size, natural: Size, minShown = 4): Crop | null {
  if (shown.width <= 0 || shown.height <= 0 || natural.width <= 0 || natural.height <= 0) return null;
  const left = clamp(Math.min(a.x, b.x), 0, shown.width);
  const right = clamp(Math.max(a.x, b.x), 0, shown.width);
  const top = clamp(Math.min(a.y, b.y), 0, shown.height);
  const bottom = clamp(Math.max(a.y, b.y), 0, shown.height);
  if (right - left < minShown || bottom - top < minShown) return null;
  const sx = natural.width / shown.width;
  const sy = natural.height / shown.height;
  const x = clamp(Math.floor(left * sx), 0, natural.width - 1);
  const y = clamp(Math.floor(top * sy), 0, natural.height - 1);
  const w = clamp(Math.ceil(right * sx) - x, 1, natural.width - x);
  const h = clamp(Math.ceil(bottom * sy) - y, 1, natural.height - y);
  return { x, y, w, h };
}

/** Where a stored crop sits over the picture, as CSS percentages (so it holds at any shown size). */
export function cropStyle(crop: Crop, natural: Size): { left: string; top: string; width: string; height: string } {
  const pct = (v: number, of: number) => `${((100 * v) / of).toFixed(3)}%`;
  return {
    left: pct(crop.x, natural.width),
    top: pct(crop.y, natural.height),
    width: pct(crop.w, natural.width),
    height: pct(crop.h, natural.height),
  };
}
