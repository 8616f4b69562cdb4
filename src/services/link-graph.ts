/**
 * Assembles the Links graph from the scoped facts of link-graph.repository.ts: one node per case,
 * series, agency (the owner of a case or series shown), camera serial and place; edges for shared
 * media, matches, camera serials, explicit links and ownership. An edge is kept only when both
 * ends are nodes the caller was given, so nothing outside the scoped rows can appear. Bounded to
 * `limit` nodes: around a focus node (breadth first, strongest joins first), else the most
 * connected nodes.
 */
import type {
  GraphLinkRow,
  GraphPairRow,
  GraphPlaceRow,
  GraphRecordRow,
  GraphSerialRow,
} from '../storage/link-graph.repository.js';

export const GRAPH_NODE_KINDS = ['case', 'series', 'agency', 'camera', 'place'] as const;
export type GraphNodeKind = (typeof GRAPH_NODE_KINDS)[number];
export const GRAPH_EDGE_KINDS = ['shared-media', 'match', 'camera', 'link', 'owner'] as const;
export type GraphEdgeKind = (typeof GRAPH_EDGE_KINDS)[number];

export interface GraphNode {
  /** `kind:id` (`camera:<serial>` for a camera). */
  id: string;
  kind: GraphNodeKind;
  /** The record's id; null for a camera serial. */
  recordId: number | null;
  label: string;
  /** The owning agency; null for agencies and camera serials. */
  agencyId: number | null;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: GraphEdgeKind;
  /** How many media, matches or links join the two ends. */
  weight: number;
  /** The relation of an explicit link. */
  relation: string | null;
}

export interface LinkGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Nodes before the limit was applied. */
  totalNodes: number;
  truncated: boolean;
}

export interface GraphFacts {
  cases: GraphRecordRow[];
  series: GraphRecordRow[];
  places: GraphPlaceRow[];
  agencies: { id: number; name: string; countryCode: string }[];
  shared: GraphPairRow[];
  matches: GraphPairRow[];
  serials: GraphSerialRow[];
  links: GraphLinkRow[];
}

export function nodeId(kind: GraphNodeKind, id: number | string): string {
  return `${kind}:${id}`;
}

/** The agencies a graph of these cases and series names (owners), for the caller to load. */
export function ownerAgencyIds(facts: Pick<GraphFacts, 'cases' | 'series'>): number[] {
  return [...new Set([...facts.cases, ...facts.series].map((r) => r.agencyId))].sort((a, b) => a - b);
}

/** Every node and edge the facts allow, before bounding. */
export function assembleGraph(facts: GraphFacts): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes = new Map<string, GraphNode>();
  const add = (node: GraphNode) => nodes.set(node.id, node);
  for (const a of facts.agencies) {
    add({ id: nodeId('agency', a.id), kind: 'agency', recordId: a.id, label: a.name, agencyId: null });
  }
  for (const c of facts.cases) {
    add({ id: nodeId('case', c.id), kind: 'case', recordId: c.id, label: c.reference, agencyId: c.agencyId });
  }
  for (const s of facts.series) {
    add({ id: nodeId('series', s.id), kind: 'series', recordId: s.id, label: s.reference, agencyId: s.agencyId });
  }
  for (const p of facts.places) {
    add({ id: nodeId('place', p.id), kind: 'place', recordId: p.id, label: p.name, agencyId: p.agencyId });
  }
  for (const r of facts.serials) {
    if (nodes.has(nodeId(r.kind, r.id))) {
      add({ id: nodeId('camera', r.serial), kind: 'camera', recordId: null, label: r.serial, agencyId: null });
    }
  }

  const edges = new Map<string, GraphEdge>();
  const join = (kind: GraphEdgeKind, a: string, b: string, weight: number, relation: string | null = null) => {
    if (a === b || !nodes.has(a) || !nodes.has(b)) return;
    const [source, target] = a < b ? [a, b] : [b, a];
    const id = `${kind}|${source}|${target}${relation ? `|${relation}` : ''}`;
    const known = edges.get(id);
    if (known) known.weight += weight;
    else edges.set(id, { id, source, target, kind, weight, relation });
  };
  for (const c of facts.cases) join('owner', nodeId('agency', c.agencyId), nodeId('case', c.id), 1);
  for (const s of facts.series) join('owner', nodeId('agency', s.agencyId), nodeId('series', s.id), 1);
  for (const p of facts.shared) join('shared-media', nodeId(p.aKind, p.aId), nodeId(p.bKind, p.bId), p.weight);
  for (const p of facts.matches) join('match', nodeId(p.aKind, p.aId), nodeId(p.bKind, p.bId), p.weight);
  for (const s of facts.serials) join('camera', nodeId(s.kind, s.id), nodeId('camera', s.serial), s.weight);
  for (const l of facts.links) {
    const from = nodeId(l.fromKind as GraphNodeKind, l.fromId);
    const to = nodeId(l.toKind as GraphNodeKind, l.toId);
    join('link', from, to, 1, l.relation);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/** Keeps at most `limit` nodes: around `focus` when given (null when it is not a node), else the most connected. */
export function boundGraph(
  graph: { nodes: GraphNode[]; edges: GraphEdge[] },
  limit: number,
  focus?: string,
): LinkGraph | null {
  const neighbours = new Map<string, { node: string; weight: number }[]>();
  const degree = new Map<string, number>();
  for (const e of graph.edges) {
    for (const [a, b] of [
      [e.source, e.target],
      [e.target, e.source],
    ] as const) {
      const list = neighbours.get(a) ?? [];
      list.push({ node: b, weight: e.weight });
      neighbours.set(a, list);
      degree.set(a, (degree.get(a) ?? 0) + e.weight);
    }
  }
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  let kept: string[];
  if (focus !== undefined) {
    if (!byId.has(focus)) return null;
    kept = [focus];
    const seen = new Set(kept);
    for (let i = 0; i < kept.length && kept.length < limit; i++) {
      const next = [...(neighbours.get(kept[i] as string) ?? [])].sort(
        (a, b) => b.weight - a.weight || a.node.localeCompare(b.node),
      );
      for (const n of next) {
        if (kept.length >= limit) break;
        if (!seen.has(n.node)) {
          seen.add(n.node);
          kept.push(n.node);
        }
      }
    }
  } else {
    kept = graph.nodes
      .map((n) => n.id)
      .sort((a, b) => (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || a.localeCompare(b))
      .slice(0, limit);
  }
  const keep = new Set(kept);
  return {
    nodes: kept.map((id) => byId.get(id) as GraphNode),
    edges: graph.edges.filter((e) => keep.has(e.source) && keep.has(e.target)),
    totalNodes: graph.nodes.length,
    truncated: kept.length < graph.nodes.length,
  };
}
