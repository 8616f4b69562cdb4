/**
 * What the Links page does with the graph the API returns (GET /api/v1/network/graph), apart
 * from drawing it: which page a node opens, which nodes a kind filter keeps (edges only between
 * kept nodes), and the element list cytoscape takes. No cytoscape import here: this module is
 * in the page's first chunk; the drawing is lazy.
 */

import type { paths } from '../api/schema.js';

/** The API's graph, typed from its OpenAPI description (a type import: node's tests load nothing). */
export type Graph = paths['/api/v1/network/graph']['get']['responses'][200]['content']['application/json'];
export type GraphNode = Graph['nodes'][number];
export type GraphEdge = Graph['edges'][number];
export type NodeKind = GraphNode['kind'];
export type EdgeKind = GraphEdge['kind'];

export const NODE_KINDS: readonly NodeKind[] = ['case', 'series', 'agency', 'camera', 'place'];

/** The page a node opens in the app; null when it has none (e.g. another agency). */
export function nodeHref(node: GraphNode): string | null {
  switch (node.kind) {
    case 'case':
      return `/cases/${node.recordId}`;
    case 'series':
      return `/series/${node.recordId}`;
    case 'place':
      return `/places/${node.recordId}`;
    case 'camera':
      return `/links?focus=${encodeURIComponent(node.id)}`;
    default:
      return null;
  }
}

/** The nodes of the shown kinds, and the edges whose both ends are shown. */
export function filterGraph(graph: Pick<Graph, 'nodes' | 'edges'>, kinds: ReadonlySet<NodeKind>) {
  const nodes = graph.nodes.filter((n) => kinds.has(n.kind));
  const shown = new Set(nodes.map((n) => n.id));
  const edges = graph.edges.filter((e) => shown.has(e.source) && shown.has(e.target));
  return { nodes, edges };
}

export interface CyElement {
  group: 'nodes' | 'edges';
  data: Record<string, string | number | null>;
  classes: string;
}

/** Cytoscape's element list: nodes carry their kind as a class, edges their kind and weight. */
export function toElements(graph: Pick<Graph, 'nodes' | 'edges'>): CyElement[] {
  return [
    ...graph.nodes.map((n) => ({
      group: 'nodes' as const,
      data: { id: n.id, label: n.label, kind: n.kind },
      classes: n.kind,
    })),
    ...graph.edges.map((e) => ({
      group: 'edges' as const,
      data: { id: e.id, source: e.source, target: e.target, kind: e.kind, weight: e.weight },
      classes: e.kind,
    })),
  ];
}

/** Reads `?focus=` and `?view=` of the page's address. */
export function linksQuery(search: string): { focus: string | null; view: 'graph' | 'map' } {
  const q = new URLSearchParams(search);
  return { focus: q.get('focus'), view: q.get('view') === 'map' ? 'map' : 'graph' };
}
