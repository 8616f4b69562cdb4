/**
 * The Links graph drawn by cytoscape (this module is a lazy chunk: cytoscape is not in the first
 * page's bundle). A tap on a node opens its page. After each layout the container carries the
 * nodes' drawn positions (data-positions), so a test can tap a node like a person would.
 */
import cytoscape from 'cytoscape';
import { useEffect, useRef } from 'react';
import { type Graph, type GraphNode, toElements } from './graph-logic';

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-size': 10,
      'text-valign': 'bottom',
      'text-margin-y': 3,
      width: 18,
      height: 18,
      'background-color': '#64748b',
    },
  },
  { selector: 'node.case', style: { 'background-color': '#2563eb', shape: 'round-rectangle' } },
  { selector: 'node.series', style: { 'background-color': '#b45309', shape: 'diamond', width: 24, height: 24 } },
  { selector: 'node.agency', style: { 'background-color': '#0f766e', shape: 'hexagon', width: 26, height: 26 } },
  { selector: 'node.camera', style: { 'background-color': '#7c3aed', shape: 'triangle' } },
  { selector: 'node.place', style: { 'background-color': '#be123c', shape: 'star' } },
  {
    selector: 'edge',
    style: {
      width: 'mapData(weight, 1, 20, 1, 6)',
      'line-color': '#94a3b8',
      'curve-style': 'bezier',
    },
  },
  { selector: 'edge.shared-media', style: { 'line-color': '#f59e0b' } },
  { selector: 'edge.match', style: { 'line-color': '#dc2626', 'line-style': 'dashed' } },
  { selector: 'edge.camera', style: { 'line-color': '#7c3aed' } },
  { selector: 'edge.link', style: { 'line-color': '#334155', 'line-style': 'dotted' } },
  { selector: 'edge.owner', style: { 'line-color': '#cbd5e1', width: 1 } },
];

export default function GraphView({
  graph,
  onOpen,
}: {
  graph: Pick<Graph, 'nodes' | 'edges'>;
  onOpen: (node: GraphNode) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const open = useRef(onOpen);
  open.current = onOpen;

  useEffect(() => {
    const container = box.current;
    if (!container) return;
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    const cy = cytoscape({
      container,
      elements: toElements(graph),
      style: STYLE,
      layout: { name: 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true },
      wheelSensitivity: 0.3,
    });
    const mark = () => {
      const positions: Record<string, [number, number]> = {};
      cy.nodes().forEach((n) => {
        const p = n.renderedPosition();
        positions[n.id()] = [Math.round(p.x), Math.round(p.y)];
      });
      container.dataset.positions = JSON.stringify(positions);
      container.dataset.ready = 'true';
    };
    cy.on('layoutstop viewport', mark);
    mark();
    cy.on('tap', 'node', (event) => {
      const node = byId.get(event.target.id());
      if (node) open.current(node);
    });
    return () => cy.destroy();
  }, [graph]);

  return <div ref={box} className="graph-canvas" data-testid="graph-canvas" />;
}
