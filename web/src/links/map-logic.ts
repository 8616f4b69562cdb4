/**
 * The world map's drawing sums, free of d3 so they can be unit-tested and stay cheap: the size of
 * a counted cell's circle, and which drawn point lies nearest a pointer (for hover and click).
 */

import type { paths } from '../api/schema.js';

/** The API's map points, typed from its OpenAPI description (a type import: node's tests load nothing). */
export type MapPoints = paths['/api/v1/network/map']['get']['responses'][200]['content']['application/json'];

export interface DrawnPoint {
  x: number;
  y: number;
  kind: 'place' | 'media' | 'cell';
  /** Place or media id; null for a cell. */
  id: number | null;
  label: string;
  count: number;
}

/** A circle's radius for a count: area grows with the count, from 3 px, at most 24 px. */
export function cellRadius(count: number): number {
  return Math.min(24, 3 + Math.sqrt(Math.max(0, count - 1)) * 2);
}

/** The point within `reach` pixels of (x, y) that is nearest, or null. */
export function nearestPoint(points: readonly DrawnPoint[], x: number, y: number, reach = 8): DrawnPoint | null {
  let best: DrawnPoint | null = null;
  let bestDistance = reach * reach;
  for (const p of points) {
    const d = (p.x - x) ** 2 + (p.y - y) ** 2;
    if (d <= bestDistance) {
      best = p;
      bestDistance = d;
    }
  }
  return best;
}
