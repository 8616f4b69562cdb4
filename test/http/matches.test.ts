/**
 * Matches and verdicts over HTTP on both dialects: an agency reviews its own matches only; a
 * verdict carries its reason and is audited; a confirmed match to another agency's series alerts
 * that agency (once); a rejected pair stays rejected for any kind of match and either direction
 * (what ingest must ask before alerting), and rejecting clears the match's alerts from the inbox.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Actor } from '../../src/access/access-record.js';
import { AlertRepository } from '../../src/storage/alert.repository.js';
import { MatchRepository } from '../../src/storage/match.repository.js';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';
import { aMatch, aSeries, heldMedia } from '../support/hub-records.js';

describeEachServer('match and verdict routes', (suite) => {
  let own = 0;
  let other = 0;
  let analyst: ApiClient & { userId: number };
  let viewer: ApiClient;
  let otherAnalyst: ApiClient;

  before(async () => {
    own = await suite.addAgency('Matches own unit');
    other = await suite.addAgency('Matches other unit');
    analyst = await suite.addUser(own, ['analyst']);
    viewer = await suite.addUser(own, ['viewer']);
    otherAnalyst = await suite.addUser(other, ['analyst']);
  });

  const ownPair = async () => ({ mine: await heldMedia(suite, own), theirs: await heldMedia(suite, other) });
  const alertsOf = async (agencyId: number) => {
    const actor: Actor = { userId: null, agencyId, roles: ['viewer'] };
    return suite.vigil.alerts.list(actor, { limit: 200, offset: 0 });
  };

  it('lists the agency’s matches by verdict and page; another agency’s are not found', async () => {
    const { mine, theirs } = await ownPair();
    const a = await aMatch(suite, own, mine, theirs, 'pdq');
    const b = await aMatch(suite, own, mine, theirs, 'exact');
    const hidden = await aMatch(suite, other, theirs, mine, 'pdq');
    const pending = await viewer.get('/api/v1/matches?verdict=pending&limit=200');
    assert.equal(pending.status, 200);
    const ids = pending.body.items.map((m: { id: number }) => m.id);
    assert.ok(ids.includes(a) && ids.includes(b));
    assert.ok(!ids.includes(hidden));
    assert.equal(pending.body.total, ids.length);
    const first = await viewer.get('/api/v1/matches?limit=1&offset=1');
    assert.equal(first.body.items.length, 1);
    assert.equal((await viewer.get(`/api/v1/matches/${a}`)).body.distance, 8);
    assert.equal((await viewer.get(`/api/v1/matches/${hidden}`)).status, 404);
    const verdict = { verdict: 'confirmed', reason: 'x' };
    assert.equal((await analyst.post(`/api/v1/matches/${hidden}/verdict`, verdict)).status, 404);
    assert.equal((await viewer.post(`/api/v1/matches/${a}/verdict`, verdict)).status, 403);
    assert.equal((await otherAnalyst.post(`/api/v1/matches/${a}/verdict`, verdict)).status, 404);
    assert.equal((await otherAnalyst.get(`/api/v1/matches/${a}`)).status, 404);
    assert.equal((await viewer.get('/api/v1/matches?verdict=maybe')).status, 400);
    for (const caller of [await suite.addUser(own, ['auditor']), await suite.addPartner(own)]) {
      assert.equal((await caller.get('/api/v1/matches')).status, 403);
    }
  });

  it('lists the matches of one series, with its member on either side; a series not visible is not found', async () => {
    const { mine, theirs } = await ownPair();
    const stranger = await heldMedia(suite, own);
    const series = await aSeries(suite, own, { media: [mine] });
    const forward = await aMatch(suite, own, mine, theirs, 'pdq');
    const backward = await aMatch(suite, own, theirs, mine, 'pdq');
    const outside = await aMatch(suite, own, stranger, theirs, 'pdq');
    const page = await viewer.get(`/api/v1/matches?series=${series}&verdict=pending&limit=200`);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    assert.deepEqual(
      page.body.items.map((m: { id: number }) => m.id),
      [forward, backward],
      `not the match outside the series (#${outside})`,
    );
    assert.equal(page.body.total, 2);
    const restricted = await aSeries(suite, other, { media: [theirs] });
    const hidden = await viewer.get(`/api/v1/matches?series=${restricted}`);
    assert.equal(hidden.status, 404, 'a restricted series of another agency is not found, not an empty list');
    assert.equal((await viewer.get('/api/v1/matches?series=0')).status, 400);
  });

  it('records the verdict with its reason and reviewer, audited; a rejection needs a reason', async () => {
    const { mine, theirs } = await ownPair();
    const id = await aMatch(suite, own, mine, theirs);
    const noReason = await analyst.post(`/api/v1/matches/${id}/verdict`, { verdict: 'rejected' });
    assert.equal(noReason.status, 400);
    assert.equal((await analyst.post(`/api/v1/matches/${id}/verdict`, { verdict: 'pending' })).status, 400);
    const confirmed = await analyst.post(`/api/v1/matches/${id}/verdict`, {
      verdict: 'confirmed',
      reason: 'Same room, same objects',
    });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.deepEqual(
      [confirmed.body.verdict, confirmed.body.verdictReason, confirmed.body.decidedBy],
      ['confirmed', 'Same room, same objects', analyst.userId],
    );
    const again = await analyst.post(`/api/v1/matches/${id}/verdict`, { verdict: 'confirmed' });
    assert.equal(again.status, 200, 'the same verdict again changes nothing');
    const stale = await analyst.post(`/api/v1/matches/${id}/verdict`, {
      verdict: 'rejected',
      reason: 'Different wallpaper',
      currentVerdict: 'pending',
    });
    assert.equal(stale.status, 409);
    const revised = await analyst.post(`/api/v1/matches/${id}/verdict`, {
      verdict: 'rejected',
      reason: 'Different wallpaper',
      currentVerdict: 'confirmed',
    });
    assert.equal(revised.body.verdict, 'rejected');
    const events = await suite.vigil.database.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('record_kind', '=', 'match')
      .where('record_id', '=', id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      events.map((e) => [e.action, JSON.parse(e.details).verdict]),
      [
        ['verdict', 'confirmed'],
        ['verdict', 'rejected'],
      ],
    );
    assert.ok(
      events.every((e) => !e.details.includes('wallpaper')),
      'reasons stay out of the audit details',
    );
  });

  it('alerts the other agency once when a match to its series is confirmed', async () => {
    const { mine, theirs } = await ownPair();
    const series = await aSeries(suite, other, { media: [theirs] });
    await aSeries(suite, own, { media: [mine] });
    const id = await aMatch(suite, own, mine, theirs);
    const before = (await alertsOf(other)).items.length;
    const ownBefore = (await alertsOf(own)).items.length;
    const confirmed = await analyst.post(`/api/v1/matches/${id}/verdict`, { verdict: 'confirmed', reason: 'Same' });
    assert.deepEqual(confirmed.body.series, [], 'their restricted series is not shown to the reviewer');
    const after = await alertsOf(other);
    const raised = after.items.filter((a) => a.reason === 'match_confirmed' && a.matchId === id);
    assert.deepEqual(
      raised.map((a) => [a.about.kind, a.about.id, a.fromAgencyId]),
      [['series', series, own]],
    );
    assert.match(raised[0]?.message ?? '', /^Matches own unit confirmed a match to series \d+ of this agency\.$/);
    assert.equal(after.items.length, before + 1);
    assert.equal((await alertsOf(own)).items.length, ownBefore, 'its own series is no news to the reviewer');
    await analyst.post(`/api/v1/matches/${id}/verdict`, { verdict: 'rejected', reason: 'On reflection, no' });
    await analyst.post(`/api/v1/matches/${id}/verdict`, { verdict: 'confirmed', reason: 'Yes after all' });
    assert.equal((await alertsOf(other)).items.length, before + 1, 'raised once');
  });

  it('gives a video match its shares and matched time ranges in both videos', async () => {
    const { mine, theirs } = await ownPair();
    const details = {
      queryPercent: 92.5,
      comparedPercent: 61,
      queryRanges: [{ start: 0, end: 14, frames: 15 }],
      comparedRanges: [{ start: 30, end: 44, frames: 15 }],
    };
    const repo = new MatchRepository(suite.vigil.database.db, suite.vigil.database.dialect);
    const made = await repo.create({
      agencyId: own,
      mediaId: mine,
      target: { otherMediaId: theirs },
      kind: 'vpdq',
      overlap: 0.925,
      details,
    });
    const view = await viewer.get(`/api/v1/matches/${made.id}`);
    assert.deepEqual([view.body.kind, view.body.overlap, view.body.details], ['vpdq', 0.925, details]);
    const pdq = await viewer.get(`/api/v1/matches/${await aMatch(suite, own, mine, theirs)}`);
    assert.equal(pdq.body.details, null);
  });

  it('shows the other media’s series when the reviewer may see them', async () => {
    const { mine, theirs } = await ownPair();
    const shared = await aSeries(suite, other, { sharedWith: [own], media: [theirs] });
    const id = await aMatch(suite, own, mine, theirs);
    const view = await viewer.get(`/api/v1/matches/${id}`);
    assert.deepEqual(
      view.body.series.map((s: { id: number; agencyId: number }) => [s.id, s.agencyId]),
      [[shared, other]],
    );
  });

  it('keeps a rejected pair rejected for every kind and direction, and clears its alerts', async () => {
    const { mine, theirs } = await ownPair();
    const id = await aMatch(suite, own, mine, theirs, 'pdq');
    const alert = await new AlertRepository(suite.vigil.database.db).create({
      agencyId: own,
      about: { kind: 'media', id: mine },
      reason: 'series_match',
      matchId: id,
    });
    const verdicts = suite.vigil.verdicts;
    assert.equal(await verdicts.isRejectedPair(own, mine, { otherMediaId: theirs }), false);
    const unread = (await alertsOf(own)).unread;
    const rejected = await analyst.post(`/api/v1/matches/${id}/verdict`, {
      verdict: 'rejected',
      reason: 'Different person',
    });
    assert.equal(rejected.status, 200);
    assert.equal((await alertsOf(own)).unread, unread - 1, 'the match’s alert is marked read');
    assert.ok((await alertsOf(own)).items.find((a) => a.id === alert.id)?.readAt);
    assert.equal(await verdicts.isRejectedPair(own, mine, { otherMediaId: theirs }), true);
    assert.equal(await verdicts.isRejectedPair(own, theirs, { otherMediaId: mine }), true, 'either direction');
    await aMatch(suite, own, mine, theirs, 'exact');
    assert.equal(await verdicts.isRejectedPair(own, mine, { otherMediaId: theirs }), true, 'a new kind of match');
    assert.equal(await verdicts.isRejectedPair(other, mine, { otherMediaId: theirs }), false, 'per agency');
    await analyst.post(`/api/v1/matches/${id}/verdict`, { verdict: 'confirmed', reason: 'Revised' });
    assert.equal(await verdicts.isRejectedPair(own, mine, { otherMediaId: theirs }), false, 'a revision lifts it');
  });
});
