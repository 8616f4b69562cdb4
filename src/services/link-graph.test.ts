import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assembleGraph, boundGraph, type GraphFacts, ownerAgencyIds } from './link-graph.js';

const facts = (extra: Partial<GraphFacts> = {}): GraphFacts => ({
  cases: [
    { id: 1, agencyId: 10, reference: 'C-1', title: 'one' },
    { id: 2, agencyId: 10, reference: 'C-2', title: 'two' },
  ],
  series: [{ id: 7, agencyId: 20, reference: 'S-7', title: 'seven' }],
  places: [{ id: 3, agencyId: 10, name: 'Harbour', countryCode: 'NO' }],
  agencies: [
    { id: 10, name: 'Unit A', countryCode: 'XI' },
    { id: 20, name: 'Unit B', countryCode: 'XJ' },
  ],
  shared: [
    { aKind: 'case', aId: 1, bKind: 'case', bId: 2, weight: 4 },
    { aKind: 'case', aId: 1, bKind: 'series', bId: 7, weight: 2 },
  ],
  matches: [{ aKind: 'case', aId: 2, bKind: 'series', bId: 7, weight: 1 }],
  serials: [
    { kind: 'case', id: 1, serial: 'SN1', weight: 3 },
    { kind: 'case', id: 2, serial: 'SN1', weight: 1 },
  ],
  links: [{ fromKind: 'series', fromId: 7, toKind: 'place', toId: 3, relation: 'filmed-at' }],
  ...extra,
});

test('assembly: one node per record, edges for each kind of join, owners named', () => {
  const g = assembleGraph(facts());
  assert.deepEqual(g.nodes.map((n) => n.id).sort(), [
    'agency:10',
    'agency:20',
    'camera:SN1',
    'case:1',
    'case:2',
    'place:3',
    'series:7',
  ]);
  const kinds = (a: string, b: string) =>
    g.edges
      .filter((e) => (e.source === a && e.target === b) || (e.source === b && e.target === a))
      .map((e) => `${e.kind}:${e.weight}`)
      .sort();
  assert.deepEqual(kinds('case:1', 'case:2'), ['shared-media:4']);
  assert.deepEqual(kinds('case:2', 'series:7'), ['match:1']);
  assert.deepEqual(kinds('camera:SN1', 'case:1'), ['camera:3']);
  assert.deepEqual(kinds('place:3', 'series:7'), ['link:1']);
  assert.deepEqual(kinds('agency:20', 'series:7'), ['owner:1']);
  assert.equal(g.nodes.find((n) => n.id === 'agency:20')?.label, 'Unit B');
});

test('assembly: a join to a record not among the nodes is dropped, not invented', () => {
  const g = assembleGraph(
    facts({
      shared: [{ aKind: 'case', aId: 1, bKind: 'series', bId: 99, weight: 5 }],
      serials: [{ kind: 'series', id: 99, serial: 'SN-HIDDEN', weight: 1 }],
      links: [{ fromKind: 'series', fromId: 99, toKind: 'place', toId: 3, relation: 'x' }],
    }),
  );
  assert.ok(!g.nodes.some((n) => n.id === 'series:99' || n.id === 'camera:SN-HIDDEN'));
  assert.ok(!g.edges.some((e) => e.source.includes('99') || e.target.includes('99')));
});

test('assembly: the same pair joined twice adds up', () => {
  const g = assembleGraph(
    facts({
      shared: [
        { aKind: 'case', aId: 1, bKind: 'case', bId: 2, weight: 4 },
        { aKind: 'case', aId: 2, bKind: 'case', bId: 1, weight: 1 },
      ],
    }),
  );
  assert.deepEqual(
    g.edges.filter((e) => e.kind === 'shared-media').map((e) => [e.source, e.target, e.weight]),
    [['case:1', 'case:2', 5]],
  );
});

test('bounds: without focus the most connected nodes stay, and edges only between kept nodes', () => {
  const g = boundGraph(assembleGraph(facts()), 2);
  assert.ok(g);
  assert.deepEqual(
    g.nodes.map((n) => n.id),
    ['case:1', 'case:2'],
  );
  assert.deepEqual(g.edges.map((e) => e.kind).sort(), ['shared-media']);
  assert.equal(g.totalNodes, 7);
  assert.equal(g.truncated, true);
});

test('bounds: a focus grows breadth first by weight; unknown focus is null', () => {
  const g = boundGraph(assembleGraph(facts()), 3, 'series:7');
  assert.ok(g);
  // series:7's neighbours by weight: case:1 (2), then case:2, agency:20, place:3 (1 each, by id).
  assert.deepEqual(
    g.nodes.map((n) => n.id),
    ['series:7', 'case:1', 'agency:20'],
  );
  assert.equal(boundGraph(assembleGraph(facts()), 3, 'series:8'), null);
  const all = boundGraph(assembleGraph(facts()), 100);
  assert.equal(all?.truncated, false);
  assert.equal(all?.nodes.length, 7);
});

test('owners: each agency once, in order', () => {
  assert.deepEqual(ownerAgencyIds(facts()), [10, 20]);
});
