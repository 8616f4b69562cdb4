/**
 * The alert inbox over HTTP on both dialects, and the three alert rules seen from it across two
 * agencies: "your media matched another agency's series" (raised by ingest), "another agency
 * confirmed a match to your series" (verdicts) and "a victim in your series was identified"
 * (victims). Unread first, paged, counted, marked read once; another agency's alerts not found;
 * read-only roles cannot mark, auditors and partners see none; a rejected match raises nothing.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Alert } from '../../src/domain/alert.record.js';
import { raiseIngestAlerts } from '../../src/jobs/ingest-alerts.js';
import { AlertRepository } from '../../src/storage/alert.repository.js';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';
import { aMatch, aSeries, heldMedia } from '../support/hub-records.js';

describeEachServer('alert inbox', (suite) => {
  let own = 0;
  let other = 0;
  let analyst: ApiClient & { userId: number };
  let viewer: ApiClient;
  let otherAnalyst: ApiClient & { userId: number };
  let otherViewer: ApiClient;

  before(async () => {
    own = await suite.addAgency('Alerts own unit');
    other = await suite.addAgency('Alerts other unit');
    analyst = await suite.addUser(own, ['analyst']);
    viewer = await suite.addUser(own, ['viewer']);
    otherAnalyst = await suite.addUser(other, ['analyst']);
    otherViewer = await suite.addUser(other, ['viewer']);
  });

  const newest = async (client: ApiClient) => (await client.get('/api/v1/alerts?limit=1')).body.items[0];

  it('lists unread first, then newest; pages; counts; marks read once', async () => {
    const repo = new AlertRepository(suite.vigil.database.db);
    const series = await aSeries(suite, own);
    const made: Alert[] = [];
    for (let i = 0; i < 3; i++) {
      made.push(await repo.create({ agencyId: own, about: { kind: 'series', id: series }, reason: 'match_confirmed' }));
    }
    const count = (await viewer.get('/api/v1/alerts/unread-count')).body.unread;
    assert.ok(count >= 3);
    const read = await analyst.post(`/api/v1/alerts/${made[2]?.id}/read`);
    assert.equal(read.status, 200);
    assert.equal(read.body.readBy, analyst.userId);
    const again = await (await suite.addUser(own, ['admin'])).post(`/api/v1/alerts/${made[2]?.id}/read`);
    assert.deepEqual([again.body.readAt, again.body.readBy], [read.body.readAt, analyst.userId], 'the first reader');
    assert.equal((await viewer.get('/api/v1/alerts/unread-count')).body.unread, count - 1);
    const all = await viewer.get('/api/v1/alerts?limit=200');
    const order = all.body.items.map((a: { id: number }) => a.id);
    assert.ok(order.indexOf(made[1]?.id) < order.indexOf(made[0]?.id), 'newest first');
    assert.ok(order.indexOf(made[0]?.id) < order.indexOf(made[2]?.id), 'unread before read');
    assert.equal(all.body.unread, count - 1);
    const unreadOnly = await viewer.get('/api/v1/alerts?unread=true&limit=200');
    assert.ok(!unreadOnly.body.items.some((a: { id: number }) => a.id === made[2]?.id));
    assert.equal(unreadOnly.body.total, count - 1);
    const page = await viewer.get('/api/v1/alerts?limit=1&offset=1');
    assert.deepEqual(
      page.body.items.map((a: { id: number }) => a.id),
      [order[1]],
    );
  });

  it('keeps each agency to its own inbox; viewers read but do not mark; auditors and partners see none', async () => {
    const theirs = await new AlertRepository(suite.vigil.database.db).create({
      agencyId: other,
      about: { kind: 'series', id: await aSeries(suite, other) },
      reason: 'match_confirmed',
    });
    assert.equal((await analyst.post(`/api/v1/alerts/${theirs.id}/read`)).status, 404);
    assert.ok(
      !(await viewer.get('/api/v1/alerts?limit=200')).body.items.some((a: { id: number }) => a.id === theirs.id),
    );
    assert.equal((await otherViewer.post(`/api/v1/alerts/${theirs.id}/read`)).status, 403);
    assert.equal((await viewer.get('/api/v1/alerts?unread=perhaps')).status, 400);
    for (const caller of [await suite.addUser(own, ['auditor']), await suite.addPartner(own)]) {
      assert.equal((await caller.get('/api/v1/alerts')).status, 403);
      assert.equal((await caller.get('/api/v1/alerts/unread-count')).status, 403);
    }
  });

  it('rule: a match to another agency’s series, found by ingest, alerts both; rejected, it never alerts again', async () => {
    const theirs = await heldMedia(suite, other);
    const series = await aSeries(suite, other, { sharedWith: [own], media: [theirs] });
    const mine = await heldMedia(suite, own);
    const match = await aMatch(suite, own, mine, theirs);
    const raise = () =>
      suite.vigil.database.db.transaction().execute((trx) => raiseIngestAlerts(trx, { agencyId: own, mediaId: mine }));
    assert.ok((await raise()) >= 1);
    const alert = await newest(viewer);
    assert.deepEqual(
      [alert.reason, alert.about, alert.matchId, alert.fromAgency?.id],
      ['series_match', { kind: 'series', id: series }, match, other],
    );
    assert.match(alert.message, /Alerts other unit/);
    const toOwner = await newest(otherViewer);
    assert.deepEqual([toOwner.about, toOwner.fromAgency?.id], [{ kind: 'series', id: series }, own]);
    assert.match(
      toOwner.message,
      new RegExp(`^Material of series ${series}, held by this agency, turned up in an upload by `),
    );
    await analyst.post(`/api/v1/matches/${match}/verdict`, { verdict: 'rejected', reason: 'Different person' });
    assert.equal(
      (await viewer.get(`/api/v1/alerts?unread=true&limit=200`)).body.items.some(
        (a: { matchId: number | null }) => a.matchId === match,
      ),
      false,
      'rejecting clears the match’s alert',
    );
    assert.equal(await raise(), 0, 'a rejected match raises nothing');
    assert.equal(await suite.vigil.verdicts.isRejectedPair(own, mine, { otherMediaId: theirs }), true);
  });

  it('rule: another agency confirming a match to your series alerts you', async () => {
    const theirs = await heldMedia(suite, other);
    const series = await aSeries(suite, other, { media: [theirs] });
    const match = await aMatch(suite, own, await heldMedia(suite, own), theirs);
    const before = (await otherViewer.get('/api/v1/alerts/unread-count')).body.unread;
    await analyst.post(`/api/v1/matches/${match}/verdict`, { verdict: 'confirmed', reason: 'Same room' });
    assert.equal((await otherViewer.get('/api/v1/alerts/unread-count')).body.unread, before + 1);
    const alert = await newest(otherViewer);
    assert.deepEqual(
      [alert.reason, alert.about, alert.matchId, alert.fromAgency],
      [
        'match_confirmed',
        { kind: 'series', id: series },
        match,
        { id: own, countryCode: 'ZZ', name: 'Alerts own unit' },
      ],
    );
  });

  it('rule: a victim in your series identified by another agency alerts you, with ids only', async () => {
    const theirs = await heldMedia(suite, other);
    const series = await aSeries(suite, other, { sharedWith: [own], media: [theirs] });
    const victim = (await analyst.post('/api/v1/victims', { reference: 'alerts-victim', seriesIds: [series] })).body;
    await analyst.request('PATCH', `/api/v1/victims/${victim.id}`, { identified: {} });
    const alert = await newest(otherViewer);
    assert.deepEqual(
      [alert.reason, alert.about, alert.victimId, alert.fromAgency?.id],
      ['victim_identified', { kind: 'series', id: series }, victim.id, own],
    );
    assert.ok(!JSON.stringify(alert).includes('alerts-victim'), 'no personal data (not even the reference)');
    assert.equal(
      (await otherAnalyst.get(`/api/v1/victims/${victim.id}`)).status,
      404,
      'the record stays with its agency',
    );
  });
});
