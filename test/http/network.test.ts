/**
 * The Links graph and map over HTTP on both dialects: a restricted series of another agency never
 * appears (nor a hint of it: its reference, its owner, an edge to it), a shared one does with its
 * owner; a focus on a node the caller cannot see is 404 like a missing one; bad parameters are
 * refused with the parameter named; map reads of places are audited, and so are the camera serials
 * the graph shows, as a view of each case or series they were found in.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { upsertMediaMetadata } from '../../src/storage/media-metadata.repository.js';
import { auditHead, auditTrail } from '../support/audit-trail.js';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';
import { alsoHeldBy, aPlace, aSeries, heldMedia } from '../support/hub-records.js';

describeEachServer('network routes (links graph and map)', (suite) => {
  let own = 0;
  let other = 0;
  let analyst: ApiClient;
  let viewer: ApiClient;

  before(async () => {
    own = await suite.addAgency('Network own unit');
    other = await suite.addAgency('Network other unit');
    analyst = await suite.addUser(own, ['analyst']);
    viewer = await suite.addUser(own, ['viewer']);
  });

  it('shows a shared series joined to the caller’s case, never another agency’s restricted one', async () => {
    const media = await heldMedia(suite, own);
    await alsoHeldBy(suite, media, other);
    const open = await aSeries(suite, other, { sharing: 'all', media: [media] });
    const closed = await aSeries(suite, other, { sharing: 'restricted', media: [media] });
    const res = await viewer.get('/api/v1/network/graph?limit=100');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const ids: string[] = res.body.nodes.map((n: { id: string }) => n.id);
    assert.ok(ids.includes(`series:${open}`));
    assert.ok(ids.includes(`agency:${other}`), 'the shared series’ owner is named');
    assert.ok(
      res.body.edges.some(
        (e: { kind: string; source: string; target: string }) =>
          e.kind === 'shared-media' && [e.source, e.target].includes(`series:${open}`) && e.source.startsWith('case:'),
      ),
      'the caller’s case and the shared series are joined by the media they share',
    );
    assert.ok(!ids.includes(`series:${closed}`));
    assert.ok(
      !res.body.edges.some((e: { source: string; target: string }) =>
        [e.source, e.target].includes(`series:${closed}`),
      ),
    );
    const hidden = await analyst.get(`/api/v1/network/graph?focus=series:${closed}`);
    const missing = await analyst.get('/api/v1/network/graph?focus=series:987654321');
    assert.deepEqual([hidden.status, missing.status], [404, 404]);
    assert.equal(
      JSON.stringify(hidden.body).replace(String(closed), 'N'),
      JSON.stringify(missing.body).replace('987654321', 'N'),
      'a hidden series answers exactly like a missing one',
    );
  });

  it('audits the camera serials it shows as a view of each case and series they were found in', async () => {
    const media = await heldMedia(suite, own);
    await upsertMediaMetadata(suite.vigil.database.db, media, { camera_serial: 'SN-NETWORK-1', updated_at: 1 });
    const series = await aSeries(suite, other, { sharing: 'all', media: [media] });
    const head = await auditHead(suite);
    const res = await viewer.get('/api/v1/network/graph?limit=1000');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const camera = 'camera:SN-NETWORK-1';
    const holders = res.body.edges
      .filter((e: { kind: string }) => e.kind === 'camera')
      .flatMap((e: { source: string; target: string }) =>
        e.source === camera ? [e.target] : e.target === camera ? [e.source] : [],
      )
      .sort();
    const ownCase = holders.find((id: string) => id.startsWith('case:'));
    assert.deepEqual(holders, [ownCase, `series:${series}`], 'the serial joins the case and the series holding it');
    const views = (await auditTrail(suite, { afterSeq: head, action: 'view' }))
      .filter((e) => e.recordKind === 'case' || e.recordKind === 'series')
      .sort((a, b) => a.recordKind.localeCompare(b.recordKind));
    assert.deepEqual(
      views.map((e) => [e.actorUserId, e.actorAgencyId, e.recordKind, e.recordId, e.recordAgencyId, e.details]),
      [
        [viewer.actor?.userId, own, 'case', Number(ownCase.slice('case:'.length)), own, { cameraSerials: 1 }],
        [viewer.actor?.userId, own, 'series', series, other, { cameraSerials: 1 }],
      ],
    );
  });

  it('refuses bad parameters, naming them', async () => {
    for (const query of ['limit=0', 'limit=5000', 'focus=victim:1', 'focus=series:', 'colour=red']) {
      const res = await analyst.get(`/api/v1/network/graph?${query}`);
      assert.equal(res.status, 400, `${query}: ${JSON.stringify(res.body)}`);
      assert.match(JSON.stringify(res.body), new RegExp(query.split('=')[0] as string));
    }
    for (const query of ['limit=0', 'cell=0', 'cell=90']) {
      const res = await analyst.get(`/api/v1/network/map?${query}`);
      assert.equal(res.status, 400, `${query}: ${JSON.stringify(res.body)}`);
      assert.match(JSON.stringify(res.body), new RegExp(query.split('=')[0] as string));
    }
  });

  it('maps own places with coordinates and audits each one shown', async () => {
    const bare = await aPlace(suite, own);
    const placed = await analyst.post('/api/v1/places', { name: 'Quay', latitude: 51.5, longitude: -0.1 });
    assert.equal(placed.status, 201);
    const res = await viewer.get('/api/v1/network/map');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const names = res.body.places.map((p: { name: string }) => p.name);
    assert.ok(names.includes('Quay'));
    assert.ok(!res.body.places.some((p: { id: number }) => p.id === bare), 'a place without coordinates is not drawn');
    const views = await suite.vigil.database.db
      .selectFrom('audit_events')
      .select('seq')
      .where('action', '=', 'view')
      .where('record_kind', '=', 'place')
      .where('record_id', '=', placed.body.id)
      .execute();
    assert.equal(views.length, 1);
  });
});
