/**
 * Links (issue #9, page 7): the graph of cases, series, agencies, camera serials and places joined
 * by shared media, matches and links — where distribution networks show — and the world map of
 * places and GPS points. Both drawings are lazy chunks (cytoscape, d3-geo and the atlas are not
 * in the first page's bundle). The list under the graph says the same in words, for keyboards
 * and screen readers.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { api, unwrap } from '../api/client';
import { ErrorLine } from '../components/field';
import { useLoad } from '../hooks/use-load';
import { useI18n } from '../i18n/i18n';
import { filterGraph, type GraphNode, linksQuery, NODE_KINDS, type NodeKind, nodeHref } from '../links/graph-logic';
import { Link, matchPath, useRoute } from '../router';
import { PAGES } from './index';
import '../links/links.css';

const GraphView = lazy(() => import('../links/graph-view'));
const WorldMap = lazy(() => import('../links/world-map'));

/** Whether this build has a page for the address (series, places and media pages may come later). */
function routable(href: string | null): href is string {
  return href !== null && PAGES.some((p) => matchPath(p.path, href) !== null);
}

export function LinksPage() {
  const { t } = useI18n();
  const { path, navigate } = useRoute();
  const { focus, view } = linksQuery(path.includes('?') ? path.slice(path.indexOf('?')) : '');
  const at = (next: { focus?: string | null; view?: string }) => {
    const q = new URLSearchParams();
    const f = next.focus === undefined ? focus : next.focus;
    if (f) q.set('focus', f);
    if ((next.view ?? view) === 'map') q.set('view', 'map');
    const s = q.toString();
    return `/links${s ? `?${s}` : ''}`;
  };
  return (
    <main className="page links-page">
      <h1>{t('links.title')}</h1>
      <nav className="tabs" aria-label={t('links.title')}>
        <Link to={at({ view: 'graph' })} aria-current={view === 'graph' ? 'page' : undefined}>
          {t('links.graph')}
        </Link>
        <Link to={at({ view: 'map' })} aria-current={view === 'map' ? 'page' : undefined}>
          {t('links.map')}
        </Link>
      </nav>
      {view === 'map' ? <MapTab /> : <GraphTab focus={focus} navigate={navigate} at={at} />}
    </main>
  );
}

function GraphTab({
  focus,
  navigate,
  at,
}: {
  focus: string | null;
  navigate: (to: string) => void;
  at: (next: { focus?: string | null }) => string;
}) {
  const { t, count, number } = useI18n();
  const [kinds, setKinds] = useState<ReadonlySet<NodeKind>>(new Set(NODE_KINDS));
  const graph = useLoad(
    () => unwrap(api.GET('/api/v1/network/graph', { params: { query: { limit: 300, ...(focus ? { focus } : {}) } } })),
    focus ?? '',
  );
  const shown = useMemo(() => (graph.data ? filterGraph(graph.data, kinds) : null), [graph.data, kinds]);
  const labelOf = useMemo(() => new Map(graph.data?.nodes.map((n) => [n.id, n]) ?? []), [graph.data]);
  const open = (node: GraphNode) => {
    const href = nodeHref(node);
    navigate(routable(href) ? href : at({ focus: node.id }));
  };
  const toggle = (kind: NodeKind) =>
    setKinds((old) => {
      const next = new Set(old);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });
  return (
    <section>
      <p className="muted">{t('links.intro')}</p>
      <fieldset className="kind-filter">
        <legend>{t('links.kinds')}</legend>
        {NODE_KINDS.map((kind) => (
          <label key={kind} className={`kind ${kind}`}>
            <input type="checkbox" checked={kinds.has(kind)} onChange={() => toggle(kind)} />
            {t(`links.kind.${kind}`)}
          </label>
        ))}
      </fieldset>
      {focus && (
        <p>
          {t('links.focus', { node: labelOf.get(focus)?.label ?? focus })} ·{' '}
          <Link to={at({ focus: null })}>{t('links.clearFocus')}</Link>
        </p>
      )}
      <ErrorLine message={graph.error} />
      {graph.data && shown && (
        <>
          <p className="muted" data-testid="graph-counts">
            {t('links.counts', {
              nodes: number(shown.nodes.length),
              total: count('count.nodes', graph.data.totalNodes),
              edges: count('count.connections', shown.edges.length),
            })}
          </p>
          {graph.data.truncated && !focus && <p className="muted">{t('links.truncated')}</p>}
          {shown.nodes.length === 0 ? (
            <p>{t('links.empty')}</p>
          ) : (
            <Suspense fallback={<p>{t('links.loading')}</p>}>
              <GraphView graph={shown} onOpen={open} />
            </Suspense>
          )}
          <h2>{t('links.connections')}</h2>
          <ul className="connections" data-testid="connections">
            {shown.edges
              .filter((e) => e.kind !== 'owner')
              .map((e) => {
                const a = labelOf.get(e.source);
                const b = labelOf.get(e.target);
                return (
                  <li key={e.id} data-kind={e.kind}>
                    <NodeName node={a} at={at} /> — <NodeName node={b} at={at} />: {t(`links.edge.${e.kind}`)} (
                    {e.weight})
                  </li>
                );
              })}
          </ul>
        </>
      )}
    </section>
  );
}

function NodeName({ node, at }: { node: GraphNode | undefined; at: (next: { focus?: string | null }) => string }) {
  const { t } = useI18n();
  if (!node) return null;
  const href = nodeHref(node);
  return (
    <span className={`node-name ${node.kind}`}>
      {routable(href) ? <Link to={href}>{node.label}</Link> : <bdi>{node.label}</bdi>}{' '}
      <Link to={at({ focus: node.id })} className="centre" title={t('links.centre')} aria-label={t('links.centre')}>
        ◎
      </Link>
    </span>
  );
}

function MapTab() {
  const { t, count } = useI18n();
  const points = useLoad(() => unwrap(api.GET('/api/v1/network/map', { params: { query: { limit: 1000, cell: 1 } } })));
  return (
    <section>
      <ErrorLine message={points.error} />
      {points.data && (
        <>
          <p className="muted" data-testid="map-summary">
            {t('links.mapSummary', {
              places: count('count.places', points.data.places.length),
              media: count('count.media', points.data.mediaTotal),
            })}
            {points.data.aggregated && ` ${t('links.mapAggregated')}`}
          </p>
          <Suspense fallback={<p>{t('links.loading')}</p>}>
            <WorldMap
              points={points.data}
              hrefOf={(kind, id) => {
                const href = `/${kind === 'place' ? 'places' : 'media'}/${id}`;
                return routable(href) ? href : null;
              }}
              labels={{
                place: t('links.mapPlace'),
                media: t('links.mapMedia'),
                cell: (n) => t('links.mapCell', { media: count('count.media', n) }),
                open: t('links.open'),
              }}
            />
          </Suspense>
        </>
      )}
    </section>
  );
}
