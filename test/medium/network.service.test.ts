import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor } from '../../src/access/access-record.js';
import { NetworkService } from '../../src/services/network.service.js';
import { AuditRepository } from '../../src/storage/audit.repository.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { LinkRepository } from '../../src/storage/link.repository.js';
import { MatchRepository } from '../../src/storage/match.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { upsertMediaMetadata } from '../../src/storage/media-metadata.repository.js';
import { PlaceRepository } from '../../src/storage/place.repository.js';
import { SeriesRepository } from '../../src/storage/series.repository.js';
import { SeriesMemberRepository } from '../../src/storage/series-member.repository.js';
import { fakeMedia } from '../support/fake-media.js';
import { type DialectSuite, describeEachDialect } from './dialect-harness.js';
import { isCode, makeWorld } from './records-fixtures.js';

let counter = 0;

/** Two cases of A sharing a media and a camera serial; B's shared and restricted series over the same media. */
async function network(suite: DialectSuite) {
  const { db, dialect } = suite.database;
  const w = await makeWorld(suite.database, `net${++counter}`);
  const media = new MediaRepository(db, dialect);
  const cases = new CaseRepository(db);
  const item = async (i: number) => {
    const { signals: _s, ...m } = fakeMedia(i, `net-${counter}-${process.pid}`);
    return (await media.insert(m)).id;
  };
  const hold = async (caseId: number, mediaIds: number[]) => {
    const exhibit = await cases.createExhibit({ caseId, label: `ex-${caseId}` });
    for (const mediaId of mediaIds)
      await media.addSighting({ mediaId, exhibitId: exhibit.id, path: `f${mediaId}.jpg` });
  };
  const [shared, camA, camB, hidden, inAll, gpsB] = [
    await item(1),
    await item(2),
    await item(3),
    await item(4),
    await item(5),
    await item(6),
  ];
  const case2 = await cases.createCase({ agencyId: w.a.id, reference: `NET-2-${counter}`, title: 'Second' });
  const caseB = await cases.createCase({ agencyId: w.b.id, reference: `NET-B-${counter}`, title: 'B' });
  await hold(w.caseA.id, [shared, camA]);
  await hold(case2.id, [shared, camB]);
  await hold(caseB.id, [shared, hidden, inAll, gpsB]);
  const meta = (id: number, v: { camera_serial?: string; gps_latitude?: number; gps_longitude?: number }) =>
    upsertMediaMetadata(db, id, { ...v, updated_at: 1 });
  await meta(camA, { camera_serial: `SN-${counter}`, gps_latitude: 59.9, gps_longitude: 10.7 });
  await meta(camB, { camera_serial: `SN-${counter}`, gps_latitude: 59.95, gps_longitude: 10.75 });
  await meta(gpsB, { gps_latitude: -33.9, gps_longitude: 18.4 });
  const series = new SeriesRepository(db);
  const members = new SeriesMemberRepository(db);
  const open = await series.create({ agencyId: w.b.id, reference: `OPEN-${counter}`, title: 'o', sharing: 'all' });
  const closed = await series.create({
    agencyId: w.b.id,
    reference: `HIDDEN-${counter}`,
    title: 'h',
    sharing: 'restricted',
  });
  await members.add(open.id, w.b.id, [shared, inAll], null);
  await members.add(closed.id, w.b.id, [shared, hidden], null);
  const matches = new MatchRepository(db, dialect);
  await matches.create({ agencyId: w.a.id, mediaId: camA, target: { otherMediaId: inAll }, kind: 'pdq', distance: 10 });
  await matches.create({
    agencyId: w.a.id,
    mediaId: camA,
    target: { otherMediaId: hidden },
    kind: 'pdq',
    distance: 12,
  });
  const places = new PlaceRepository(db);
  const place = await places.createPlace({ agencyId: w.a.id, name: 'Harbour', latitude: 60.1, longitude: 11.2 });
  const placeB = await places.createPlace({ agencyId: w.b.id, name: 'Elsewhere', latitude: 1, longitude: 1 });
  await new LinkRepository(db).create({
    agencyId: w.a.id,
    from: { kind: 'series', id: open.id },
    to: { kind: 'place', id: place.id },
    relation: 'filmed-at',
  });
  const actorA: Actor = { userId: w.userA.id, agencyId: w.a.id, roles: ['analyst'] };
  const service = new NetworkService(db, new AuditRepository(dialect));
  return { w, case2, caseB, open, closed, place, placeB, camA, camB, actorA, service };
}

const edge = (g: { edges: { kind: string; source: string; target: string; weight: number }[] }, a: string, b: string) =>
  g.edges.filter((e) => (e.source === a && e.target === b) || (e.source === b && e.target === a));

describeEachDialect('network service (links graph and map)', (suite) => {
  test('the graph joins cases by shared media and camera serials, and never shows a restricted series', async () => {
    const n = await network(suite);
    const g = await n.service.graph(n.actorA, { limit: 200 });
    const ids = g.nodes.map((x) => x.id);
    const caseA = `case:${n.w.caseA.id}`;
    const case2 = `case:${n.case2.id}`;
    const open = `series:${n.open.id}`;
    assert.deepEqual(
      edge(g, caseA, case2).map((e) => [e.kind, e.weight]),
      [['shared-media', 1]],
    );
    assert.ok(ids.includes(`camera:SN-${counter}`));
    assert.equal(edge(g, caseA, `camera:SN-${counter}`)[0]?.weight, 1);
    assert.equal(edge(g, case2, `camera:SN-${counter}`)[0]?.weight, 1);
    assert.deepEqual(
      edge(g, caseA, open)
        .map((e) => e.kind)
        .sort(),
      ['match', 'shared-media'],
    );
    assert.deepEqual(
      edge(g, open, `place:${n.place.id}`).map((e) => e.kind),
      ['link'],
    );
    assert.deepEqual(
      edge(g, `agency:${n.w.b.id}`, open).map((e) => e.kind),
      ['owner'],
    );
    // Nothing of B's restricted series, B's case or B's place; the match to its media draws no edge.
    assert.ok(!ids.includes(`series:${n.closed.id}`));
    assert.ok(!ids.includes(`case:${n.caseB.id}`));
    assert.ok(!ids.includes(`place:${n.placeB.id}`));
    assert.ok(!JSON.stringify(g).includes(`HIDDEN-${counter}`));
    assert.equal(g.edges.filter((e) => e.kind === 'match').length, 1);
    const asB = await n.service.graph({ userId: n.w.userB.id, agencyId: n.w.b.id, roles: ['analyst'] }, { limit: 200 });
    assert.ok(
      asB.nodes.some((x) => x.id === `series:${n.closed.id}`),
      'the owner sees its own restricted series',
    );
  });

  test('a focus keeps its neighbourhood within the limit; an unseen focus is not-found', async () => {
    const n = await network(suite);
    const caseA = `case:${n.w.caseA.id}`;
    const g = await n.service.graph(n.actorA, { limit: 3, focus: caseA });
    assert.equal(g.nodes.length, 3);
    assert.equal(g.nodes[0]?.id, caseA);
    assert.equal(g.truncated, true);
    for (const e of g.edges)
      assert.ok(g.nodes.some((x) => x.id === e.source) && g.nodes.some((x) => x.id === e.target));
    await assert.rejects(n.service.graph(n.actorA, { limit: 10, focus: `series:${n.closed.id}` }), isCode('not-found'));
  });

  test('the map lists own places and visible GPS points, audits each, and counts per cell when many', async () => {
    const n = await network(suite);
    const audit = new AuditRepository(suite.dialect);
    const before = (await audit.list(suite.database.db, 0, 1_000_000)).length;
    const map = await n.service.map(n.actorA, { limit: 10, cellDegrees: 1 });
    assert.deepEqual(
      map.places.map((p) => p.name),
      ['Harbour'],
    );
    assert.deepEqual(
      map.media.map((m) => m.mediaId).sort((a, b) => a - b),
      [n.camA, n.camB],
    );
    assert.equal(map.mediaTotal, 2);
    assert.equal(map.aggregated, false);
    const events = (await audit.list(suite.database.db, 0, 1_000_000)).slice(before);
    assert.deepEqual(
      events.map((e) => [e.action, e.recordKind, e.recordId, e.actorAgencyId]),
      [
        ['view', 'place', n.place.id, n.w.a.id],
        ['view', 'media', n.camA, n.w.a.id],
        ['view', 'media', n.camB, n.w.a.id],
      ],
    );
    const counted = await n.service.map(n.actorA, { limit: 1, cellDegrees: 1 });
    assert.equal(counted.aggregated, true);
    assert.deepEqual(counted.media, []);
    assert.equal(counted.cells.length, 1);
    assert.equal(counted.cells[0]?.count, 2);
    assert.ok(Math.abs((counted.cells[0]?.latitude ?? 0) - 59.925) < 1e-9);
  });

  test('a partner key sees neither graph nor map', async () => {
    const n = await network(suite);
    const partner: Actor = { userId: null, agencyId: n.w.a.id, roles: ['partner'] };
    await assert.rejects(n.service.graph(partner, { limit: 10 }), isCode('forbidden'));
    await assert.rejects(n.service.map(partner, { limit: 10, cellDegrees: 1 }), isCode('forbidden'));
  });
});
