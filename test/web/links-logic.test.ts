import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  filterGraph,
  type Graph,
  linksQuery,
  NODE_KINDS,
  nodeHref,
  toElements,
} from '../../web/src/links/graph-logic.js';
import { cellRadius, nearestPoint } from '../../web/src/links/map-logic.js';
import { drawPoints, spherePath, worldProjection } from '../../web/src/links/projection.js';

const graph: Graph = {
  nodes: [
    { id: 'case:1', kind: 'case', recordId: 1, label: 'OP-1', agencyId: 5 },
    { id: 'series:2', kind: 'series', recordId: 2, label: 'S-2', agencyId: 6 },
    { id: 'agency:6', kind: 'agency', recordId: 6, label: 'Unit B', agencyId: null },
    { id: 'camera:SN1', kind: 'camera', recordId: null, label: 'SN1', agencyId: null },
  ],
  edges: [
    { id: 'e1', source: 'case:1', target: 'series:2', kind: 'shared-media', weight: 3, relation: null },
    { id: 'e2', source: 'agency:6', target: 'series:2', kind: 'owner', weight: 1, relation: null },
    { id: 'e3', source: 'camera:SN1', target: 'case:1', kind: 'camera', weight: 2, relation: null },
  ],
  totalNodes: 4,
  truncated: false,
};

describe('web: links graph logic', () => {
  it('opens each kind of node on its page; a camera centres the graph on itself; an agency has no page', () => {
    const [c, s, a, cam] = graph.nodes;
    assert.equal(nodeHref(c as Graph['nodes'][number]), '/cases/1');
    assert.equal(nodeHref(s as Graph['nodes'][number]), '/series/2');
    assert.equal(nodeHref(a as Graph['nodes'][number]), null);
    assert.equal(nodeHref(cam as Graph['nodes'][number]), '/links?focus=camera%3ASN1');
  });

  it('a kind filter drops the nodes and every edge touching them', () => {
    const shown = filterGraph(graph, new Set(NODE_KINDS.filter((k) => k !== 'camera' && k !== 'agency')));
    assert.deepEqual(
      shown.nodes.map((n) => n.id),
      ['case:1', 'series:2'],
    );
    assert.deepEqual(
      shown.edges.map((e) => e.id),
      ['e1'],
    );
    assert.deepEqual(filterGraph(graph, new Set()).edges, []);
  });

  it('gives cytoscape nodes then edges, kinds as classes', () => {
    const els = toElements(graph);
    assert.equal(els.length, 7);
    assert.deepEqual(els[0], { group: 'nodes', data: { id: 'case:1', label: 'OP-1', kind: 'case' }, classes: 'case' });
    assert.deepEqual(els[4]?.data, { id: 'e1', source: 'case:1', target: 'series:2', kind: 'shared-media', weight: 3 });
  });

  it('reads focus and view from the address', () => {
    assert.deepEqual(linksQuery('?focus=series%3A2&view=map'), { focus: 'series:2', view: 'map' });
    assert.deepEqual(linksQuery(''), { focus: null, view: 'graph' });
    assert.deepEqual(linksQuery('?view=other'), { focus: null, view: 'graph' });
  });
});

describe('web: world map projection', () => {
  it('puts 0°,0° at the centre, north up, east right, within the drawing', () => {
    const p = worldProjection(960, 500);
    const [cx, cy] = p([0, 0]) as [number, number];
    assert.ok(Math.abs(cx - 480) < 1 && Math.abs(cy - 250) < 1, `${cx},${cy}`);
    const [ox, oy] = p([10.75, 59.91]) as [number, number];
    assert.ok(ox > cx && oy < cy, 'Oslo lies up and to the right of 0,0');
    const [wx] = p([-179.9, 0]) as [number, number];
    const [ex] = p([179.9, 0]) as [number, number];
    assert.ok(wx >= 3 && ex <= 957, `${wx}..${ex} inside the margins`);
    assert.match(spherePath(960, 500), /^M/);
  });

  it('draws places, media and counted cells as points, nearest to a pointer within reach', () => {
    const drawn = drawPoints(
      {
        places: [{ id: 3, agencyId: 1, name: 'Harbour', countryCode: 'NO', latitude: 59.9, longitude: 10.7 }],
        media: [{ mediaId: 9, latitude: -33.9, longitude: 18.4 }],
        cells: [{ latitude: 0, longitude: 0, count: 17 }],
        mediaTotal: 18,
        aggregated: false,
      },
      960,
      500,
    );
    assert.deepEqual(
      drawn.map((d) => [d.kind, d.id, d.label, d.count]),
      [
        ['place', 3, 'Harbour', 1],
        ['media', 9, '#9', 1],
        ['cell', null, '17', 17],
      ],
    );
    const media = drawn[1] as (typeof drawn)[number];
    assert.equal(nearestPoint(drawn, media.x + 3, media.y - 2), media);
    assert.equal(nearestPoint(drawn, media.x + 30, media.y), null);
  });

  it('sizes cells by count, from 3 px to at most 24 px', () => {
    assert.equal(cellRadius(1), 3);
    assert.ok(cellRadius(10) > cellRadius(2));
    assert.equal(cellRadius(1_000_000), 24);
  });
});
