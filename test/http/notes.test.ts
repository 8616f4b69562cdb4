/**
 * Notes over HTTP on both dialects: threads on a series or a case, each note visible to its
 * agency and to the agencies it names (never to one that may not see the series), `all` for every
 * agency that may see the series, replies within a thread, every read audited (threads too), and
 * refusals: another agency's note not found, viewers do not write, auditors and partners read none.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';
import { aSeries } from '../support/hub-records.js';

describeEachServer('note routes', (suite) => {
  let own = 0;
  let other = 0;
  let third = 0;
  let analyst: ApiClient;
  let viewer: ApiClient;
  let otherAnalyst: ApiClient;
  let thirdViewer: ApiClient;

  before(async () => {
    own = await suite.addAgency('Notes own unit');
    other = await suite.addAgency('Notes other unit');
    third = await suite.addAgency('Notes third unit');
    analyst = await suite.addUser(own, ['analyst']);
    viewer = await suite.addUser(own, ['viewer']);
    otherAnalyst = await suite.addUser(other, ['analyst']);
    thirdViewer = await suite.addUser(third, ['viewer']);
  });

  const views = async (id: number) =>
    (
      await suite.vigil.database.db
        .selectFrom('audit_events')
        .select('seq')
        .where('action', '=', 'view')
        .where('record_kind', '=', 'note')
        .where('record_id', '=', id)
        .execute()
    ).length;
  const ids = (res: { body: { items: { id: number }[] } }) => res.body.items.map((n) => n.id);

  it('keeps a thread per series; each note visible to its agency and the agencies it names', async () => {
    const series = await aSeries(suite, own, { sharedWith: [other] });
    const internal = await analyst.post('/api/v1/notes', {
      record: `series:${series}`,
      body: 'Internal',
      visibleTo: [],
    });
    assert.equal(internal.status, 201, JSON.stringify(internal.body));
    assert.deepEqual(internal.body.record, { kind: 'series', id: series });
    const shared = await analyst.post('/api/v1/notes', {
      record: `series:${series}`,
      body: 'For the other unit',
      visibleTo: [other],
    });
    assert.deepEqual(shared.body.visibleTo, [other]);
    const answer = await otherAnalyst.post('/api/v1/notes', {
      record: `series:${series}`,
      body: 'Thank you',
      visibleTo: [own],
      replyTo: shared.body.id,
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal(answer.body.replyToId, shared.body.id);
    assert.deepEqual(ids(await viewer.get(`/api/v1/notes?record=series:${series}`)), [
      internal.body.id,
      shared.body.id,
      answer.body.id,
    ]);
    const theirs = await otherAnalyst.get(`/api/v1/notes?record=series:${series}`);
    assert.deepEqual(ids(theirs), [shared.body.id, answer.body.id]);
    assert.deepEqual(theirs.body.items[0].visibleTo, [], 'only the note’s agency learns who else reads it');
    assert.equal((await otherAnalyst.get(`/api/v1/notes/${internal.body.id}`)).status, 404);
    assert.deepEqual(ids(await thirdViewer.get(`/api/v1/notes?record=series:${series}`)), []);
    assert.equal((await thirdViewer.get(`/api/v1/notes/${shared.body.id}`)).status, 404);
  });

  it('audits every note read, one by one and in threads', async () => {
    const series = await aSeries(suite, own);
    const note = (await analyst.post('/api/v1/notes', { record: `series:${series}`, body: 'Audit me', visibleTo: [] }))
      .body;
    assert.equal(await views(note.id), 0);
    assert.equal((await viewer.get(`/api/v1/notes/${note.id}`)).status, 200);
    await viewer.get(`/api/v1/notes?record=series:${series}`);
    assert.equal(await views(note.id), 2);
    assert.equal((await otherAnalyst.get(`/api/v1/notes/${note.id}`)).status, 404);
    assert.equal(await views(note.id), 2, 'a refused read is not a view');
  });

  it('never shows a note to an agency that may not see the series; all means all who may', async () => {
    const restricted = await aSeries(suite, own, { sharedWith: [other] });
    const refused = await analyst.post('/api/v1/notes', {
      record: `series:${restricted}`,
      body: 'x',
      visibleTo: [third],
    });
    assert.equal(refused.status, 400);
    assert.match(refused.body.message, /may not see series/);
    const toAll = await analyst.post('/api/v1/notes', {
      record: `series:${restricted}`,
      body: 'All',
      visibleTo: 'all',
    });
    assert.deepEqual(toAll.body.visibleTo, [other]);
    const open = await aSeries(suite, other, { sharing: 'all' });
    const everyone = await otherAnalyst.post('/api/v1/notes', {
      record: `series:${open}`,
      body: 'All',
      visibleTo: 'all',
    });
    assert.ok(everyone.body.visibleTo.includes(own) && everyone.body.visibleTo.includes(third));
    assert.equal((await thirdViewer.get(`/api/v1/notes/${everyone.body.id}`)).status, 200);
  });

  it('keeps case threads to the case’s agency unless it names another', async () => {
    const c = await new CaseRepository(suite.vigil.database.db).createCase({
      agencyId: own,
      reference: 'NOTES-CASE-1',
      title: 'Case with notes',
    });
    const internal = await analyst.post('/api/v1/notes', {
      record: `case:${c.id}`,
      body: 'Internal',
      visibleTo: 'all',
    });
    assert.equal(internal.status, 201, JSON.stringify(internal.body));
    assert.deepEqual(internal.body.visibleTo, []);
    const asked = await analyst.post('/api/v1/notes', { record: `case:${c.id}`, body: 'Question', visibleTo: [third] });
    assert.deepEqual(ids(await thirdViewer.get(`/api/v1/notes?record=case:${c.id}`)), [asked.body.id]);
    const write = await otherAnalyst.post('/api/v1/notes', { record: `case:${c.id}`, body: 'x', visibleTo: [] });
    assert.equal(write.status, 404, 'another agency’s case is not found');
  });

  it('refuses bad bodies, other subjects, replies across threads and writes by read-only roles', async () => {
    const series = await aSeries(suite, own);
    const other1 = await aSeries(suite, own);
    const note = (await analyst.post('/api/v1/notes', { record: `series:${series}`, body: 'One', visibleTo: [] })).body;
    assert.equal(
      (await analyst.post('/api/v1/notes', { record: `series:${series}`, body: '', visibleTo: [] })).status,
      400,
    );
    assert.equal((await analyst.post('/api/v1/notes', { record: `series:${series}`, body: 'x' })).status, 400);
    assert.equal((await analyst.post('/api/v1/notes', { record: 'victim:1', body: 'x', visibleTo: [] })).status, 400);
    assert.equal((await analyst.get('/api/v1/notes?record=media:1')).status, 400);
    const across = await analyst.post('/api/v1/notes', {
      record: `series:${other1}`,
      body: 'Wrong thread',
      visibleTo: [],
      replyTo: note.id,
    });
    assert.equal(across.status, 400);
    assert.equal(
      (await viewer.post('/api/v1/notes', { record: `series:${series}`, body: 'x', visibleTo: [] })).status,
      403,
    );
    for (const caller of [await suite.addUser(own, ['auditor']), await suite.addPartner(own)]) {
      assert.equal((await caller.get(`/api/v1/notes?record=series:${series}`)).status, 403);
      assert.equal((await caller.get(`/api/v1/notes/${note.id}`)).status, 403);
    }
  });
});
