/**
 * The world map (a lazy chunk): countries of world-atlas (bundled, loaded with this chunk — no
 * tiles, nothing from the network) drawn with d3-geo, places and GPS points on top. Hovering a
 * point shows what it is; clicking keeps the details and offers its page.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Topology } from 'topojson-specification';
import { Link } from '../router';
import { type DrawnPoint, type MapPoints, nearestPoint } from './map-logic';
import { cellRadius, countryPaths, drawPoints, spherePath } from './projection';

const WIDTH = 960;
const HEIGHT = 500;

export interface MapLabels {
  place: string;
  media: string;
  cell: (count: number) => string;
  open: string;
}

export default function WorldMap({
  points,
  labels,
  hrefOf,
}: {
  points: MapPoints;
  labels: MapLabels;
  /** The page of a place or media point, where this build has one. */
  hrefOf: (kind: 'place' | 'media', id: number) => string | null;
}) {
  const [topology, setTopology] = useState<Topology | null>(null);
  const [hover, setHover] = useState<DrawnPoint | null>(null);
  const [picked, setPicked] = useState<DrawnPoint | null>(null);
  useEffect(() => {
    let live = true;
    void import('world-atlas/countries-110m.json').then((m) => {
      if (live) setTopology((m.default ?? m) as unknown as Topology);
    });
    return () => {
      live = false;
    };
  }, []);
  const countries = useMemo(() => (topology ? countryPaths(topology, WIDTH, HEIGHT) : []), [topology]);
  const drawn = useMemo(() => drawPoints(points, WIDTH, HEIGHT), [points]);

  const toDrawing = (event: React.MouseEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return [
      ((event.clientX - box.left) * WIDTH) / box.width,
      ((event.clientY - box.top) * HEIGHT) / box.height,
    ] as const;
  };
  const describe = (p: DrawnPoint) =>
    p.kind === 'cell' ? labels.cell(p.count) : `${p.kind === 'place' ? labels.place : labels.media}: ${p.label}`;
  const shown = picked ?? hover;
  const href = shown && shown.kind !== 'cell' && shown.id !== null ? hrefOf(shown.kind, shown.id) : null;

  return (
    <div className="world-map">
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: keyboards reach each point by Tab (focus picks it); the click is the pointer's way. */}
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label="map"
        data-testid="world-map"
        data-countries={countries.length}
        onMouseMove={(e) => {
          const [x, y] = toDrawing(e);
          setHover(nearestPoint(drawn, x, y));
        }}
        onMouseLeave={() => setHover(null)}
        onClick={(e) => {
          const [x, y] = toDrawing(e);
          setPicked(nearestPoint(drawn, x, y));
        }}
      >
        <path className="sphere" d={spherePath(WIDTH, HEIGHT)} />
        {countries.map((c) => (
          <path key={c.id} className="country" d={c.d} />
        ))}
        {drawn.map((p) => (
          // biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; a focusable circle with a role is the way.
          <circle
            key={`${p.kind}-${p.id ?? `${p.x},${p.y}`}`}
            className={`point ${p.kind}`}
            data-kind={p.kind}
            role="button"
            aria-label={describe(p)}
            tabIndex={0}
            onFocus={() => setPicked(p)}
            cx={p.x}
            cy={p.y}
            r={p.kind === 'cell' ? cellRadius(p.count) : p.kind === 'place' ? 5 : 3.5}
          >
            <title>{describe(p)}</title>
          </circle>
        ))}
      </svg>
      <p className="map-details" data-testid="map-details" aria-live="polite">
        {shown ? describe(shown) : '\u00a0'}
        {shown && href && (
          <>
            {' · '}
            <Link to={href}>{labels.open}</Link>
          </>
        )}
      </p>
    </div>
  );
}
