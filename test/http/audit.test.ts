/**
 * The audit routes on both dialects: auditors (and admins) page through the events by their
 * agency or about its records, newest first, filtered by user, agency, action, record and time;
 * other agencies' events stay out and their users show as ids only; each page read is itself a
 * `view` event (who read which events, with what filter), the chain check is not; the chain check
 * reports an intact log, and the first broken event once an attacker with database rights edits one.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { sql } from 'kysely';
import { AuditRepository } from '../../src/storage/audit.repository.js';
import { auditHead, auditTrail } from '../support/audit-trail.js';
import { type ApiClient, describeEachServer, type Json } from '../support/http-harness.js';

describeEachServer('audit log routes', (suite) => {
  let own = 0;
  let other = 0;
  let auditor: ApiClient & { userId: number };
  let analyst: ApiClient & { userId: number };
  let otherAnalyst: ApiClient & { userId: number };
  let crossSeq = 0;
  let startedAt = 0;

  const seqs = (body: Json) => body.items.map((e: { seq: number }) => e.seq);

  before(async () => {
    own = await suite.addAgency('Audit own unit');
    other = await suite.addAgency('Audit other unit');
    auditor = await suite.addUser(own, ['auditor'], `audit-auditor-${suite.dialect}`);
    analyst = await suite.addUser(own, ['analyst'], `audit-analyst-${suite.dialect}`);
    otherAnalyst = await suite.addUser(other, ['analyst']);
    startedAt = Date.now();
    for (const n of [1, 2, 3]) await analyst.post('/api/v1/cases', { reference: `A-${n}`, title: `Case ${n}` });
    await otherAnalyst.post('/api/v1/cases', { reference: 'B-1', title: 'Theirs' });
    // Another agency acting on one of ours (as when it reads a series shared with it).
    const { database } = suite.vigil;
    const event = await database.db.transaction().execute((trx) =>
      new AuditRepository(database.dialect).append(trx, {
        actor: { userId: otherAnalyst.userId, agencyId: other },
        action: 'view',
        record: { kind: 'series', id: 77, agencyId: own },
      }),
    );
    crossSeq = event.seq;
  });

  it("pages through the agency's events and events about its records, newest first", async () => {
    const head = await auditHead(suite);
    const all = await auditor.get('/api/v1/audit?limit=200');
    assert.equal(all.status, 200);
    const events = all.body.items;
    assert.ok(events.every((e: Json) => e.actor.agencyId === own || e.record.agencyId === own));
    assert.ok(
      events.some((e: Json) => e.seq === crossSeq),
      'the other agency’s view of our record is there',
    );
    assert.ok(!events.some((e: Json) => e.record.agencyId === other && e.actor.agencyId === other));
    const list = seqs(all.body);
    assert.deepEqual(
      list,
      [...list].sort((a: number, b: number) => b - a),
      'newest first',
    );

    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Json = await auditor.get(`/api/v1/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...seqs(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.deepEqual(paged, [head + 1, ...list], 'the read of all of them is the newest event now');

    const cross = events.find((e: Json) => e.seq === crossSeq);
    assert.deepEqual(cross.actor, { userId: otherAnalyst.userId, agencyId: other, username: null });
    const mine = events.find((e: Json) => e.actor.userId === analyst.userId);
    assert.equal(mine.actor.username, `audit-analyst-${suite.dialect}`);
    assert.match(mine.hash, /^[0-9a-f]{64}$/);
  });

  it('filters by user, agency, action, record and time', async () => {
    const byUser = await auditor.get(`/api/v1/audit?actorUserId=${analyst.userId}&action=create`);
    assert.equal(byUser.body.items.length, 3);
    assert.ok(byUser.body.items.every((e: Json) => e.record.kind === 'case'));
    const caseId = byUser.body.items[0].record.id;
    const byRecord = await auditor.get(`/api/v1/audit?recordKind=case&recordId=${caseId}`);
    assert.deepEqual(
      byRecord.body.items.map((e: Json) => e.record.id),
      [caseId],
    );
    const byAgency = await auditor.get(`/api/v1/audit?agencyId=${other}`);
    assert.deepEqual(seqs(byAgency.body), [crossSeq], 'of the other agency, only what concerns us');
    const later = await auditor.get(`/api/v1/audit?from=${Date.now() + 60_000}`);
    assert.deepEqual(later.body.items, []);
    const during = await auditor.get(`/api/v1/audit?from=${startedAt}&to=${Date.now()}&action=create`);
    assert.equal(during.body.items.length, 3);
    const reversed = await auditor.get('/api/v1/audit?from=10&to=5');
    assert.equal(reversed.status, 400);
    assert.match(reversed.body.message, /from must not be after to/);
    assert.equal((await auditor.get('/api/v1/audit?action=DROP%20TABLE')).status, 400);
    assert.equal((await auditor.get('/api/v1/audit?unknown=1')).status, 400);
  });

  it('is for auditors and admins only', async () => {
    const admin = await suite.addUser(own, ['admin']);
    assert.equal((await admin.get('/api/v1/audit')).status, 200);
    for (const client of [analyst, await suite.addUser(own, ['viewer']), await suite.addPartner(own)]) {
      assert.equal((await client.get('/api/v1/audit')).status, 403);
      assert.equal((await client.get('/api/v1/audit/verify')).status, 403);
    }
  });

  it('records each read of the log as a view by the reader, with the filter and the events shown', async () => {
    const admin = await suite.addUser(own, ['admin']);
    const head = await auditHead(suite);
    const read = await admin.get(`/api/v1/audit?actorUserId=${analyst.userId}&action=create&limit=2`);
    assert.equal(read.status, 200, JSON.stringify(read.body));
    const shown = seqs(read.body);
    assert.equal(shown.length, 2);
    assert.deepEqual(await auditTrail(suite, { afterSeq: head }), [
      {
        seq: head + 1,
        action: 'view',
        actorUserId: admin.userId,
        actorAgencyId: own,
        recordKind: 'audit_event',
        recordId: null,
        recordAgencyId: own,
        details: {
          filter: { actorUserId: analyst.userId, action: 'create' },
          shown: 2,
          newestSeq: shown[0],
          oldestSeq: shown[1],
        },
      },
    ]);

    const later = await auditHead(suite);
    assert.equal((await auditor.get('/api/v1/audit/verify')).status, 200);
    assert.equal(await auditHead(suite), later, 'the chain check shows no events and is no view');
    const future = Date.now() + 60_000;
    const none = await auditor.get(`/api/v1/audit?from=${future}`);
    assert.deepEqual(none.body.items, []);
    const [empty] = await auditTrail(suite, { afterSeq: later });
    assert.deepEqual(empty.details, {
      filter: { from: future },
      shown: 0,
      newestSeq: null,
      oldestSeq: null,
    });
    assert.equal(empty.actorUserId, auditor.userId, 'an empty page is a look too');
  });

  it('verifies the chain, and names the first broken event after tampering', async () => {
    const intact = await auditor.get('/api/v1/audit/verify');
    assert.equal(intact.status, 200);
    assert.equal(intact.body.ok, true);
    assert.ok(intact.body.events >= 5);
    assert.equal(intact.body.headSeq, intact.body.events);
    assert.match(intact.body.headHash, /^[0-9a-f]{64}$/);

    const { db, dialect } = suite.vigil.database;
    if (dialect === 'sqlite') {
      await sql.raw('drop trigger audit_events_no_update').execute(db);
    } else {
      await sql.raw('alter table audit_events disable trigger user').execute(db);
    }
    await sql`update audit_events set action = 'create' where seq = ${crossSeq}`.execute(db);
    const broken = await auditor.get('/api/v1/audit/verify');
    assert.equal(broken.body.ok, false);
    assert.equal(broken.body.firstBrokenSeq, crossSeq);
    assert.equal(broken.body.problem.kind, 'edited');
    assert.equal(broken.body.events, crossSeq - 1);
  });
});
