/**
 * The world map's projection (d3-geo's Natural Earth, fitted to the drawing) and the countries of
 * world-atlas as GeoJSON paths. Imported only by the lazy map chunk.
 */
import { type GeoPermissibleObjects, geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { cellRadius, type DrawnPoint, type MapPoints } from './map-logic.js';

export function worldProjection(width: number, height: number) {
  return geoNaturalEarth1().fitExtent(
    [
      [4, 4],
      [width - 4, height - 4],
    ],
    { type: 'Sphere' },
  );
}

/** One SVG path string per country of a world-atlas topology (object `countries`). */
export function countryPaths(topology: Topology, width: number, height: number): { id: string; d: string }[] {
  const path = geoPath(worldProjection(width, height));
  const countries = feature(topology, topology.objects.countries as GeometryCollection);
  return countries.features.map((f, i) => ({
    id: String(f.id ?? i),
    d: path(f as GeoPermissibleObjects) ?? '',
  }));
}

/** The outline of the globe, drawn under the countries. */
export function spherePath(width: number, height: number): string {
  return geoPath(worldProjection(width, height))({ type: 'Sphere' }) ?? '';
}

/** Places, media points and counted cells in drawing coordinates. */
export function drawPoints(points: MapPoints, width: number, height: number): DrawnPoint[] {
  const projection = worldProjection(width, height);
  const out: DrawnPoint[] = [];
  const at = (lon: number, lat: number) => projection([lon, lat]);
  for (const p of points.places) {
    const xy = at(p.longitude, p.latitude);
    if (xy) out.push({ x: xy[0], y: xy[1], kind: 'place', id: p.id, label: p.name, count: 1 });
  }
  for (const m of points.media) {
    const xy = at(m.longitude, m.latitude);
    if (xy) out.push({ x: xy[0], y: xy[1], kind: 'media', id: m.mediaId, label: `#${m.mediaId}`, count: 1 });
  }
  for (const c of points.cells) {
    const xy = at(c.longitude, c.latitude);
    if (xy) out.push({ x: xy[0], y: xy[1], kind: 'cell', id: null, label: String(c.count), count: c.count });
  }
  return out;
}

export { cellRadius };
