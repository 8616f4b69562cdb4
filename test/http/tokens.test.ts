/**
 * Personal bearer tokens on both dialects: a user lists their own tokens (never a secret, nor
 * anyone else's) and revokes one, which stops it at once; an admin lists and revokes a user's
 * token in their own agency but reaches no other agency's; revocations are audited against the
 * token's user, and so is an admin's look at a user's tokens (their last use shows when that user
 * works), though not a user's look at their own; bad ids and repeated revocations say what is
 * wrong; the list says when each token was last used.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { auditHead, auditTrail } from '../support/audit-trail.js';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';

describeEachServer('personal tokens', (suite) => {
  let analyst: ApiClient & { userId: number };
  let colleague: ApiClient & { userId: number };
  let admin: ApiClient & { userId: number };
  let otherAdmin: ApiClient & { userId: number };

  const revocations = (keyId: number) =>
    suite.vigil.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'revoke-key')
      .execute()
      .then((rows) => rows.filter((r) => JSON.parse(String(r.details)).keyId === keyId));

  before(async () => {
    const own = await suite.addAgency('Token unit');
    const other = await suite.addAgency('Token other unit');
    analyst = await suite.addUser(own, ['analyst']);
    colleague = await suite.addUser(own, ['viewer']);
    admin = await suite.addUser(own, ['admin']);
    otherAdmin = await suite.addUser(other, ['admin']);
  });

  it('lists only the caller’s own tokens, with their labels and never a secret', async () => {
    const made = await analyst.post('/api/v1/auth/tokens', { name: 'nightly script', expiresInDays: 30 });
    assert.equal(made.status, 201);
    await colleague.post('/api/v1/auth/tokens', { name: 'colleague script' });
    const list = await analyst.get('/api/v1/auth/tokens');
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.deepEqual(
      list.body.items.map((t: { name: string }) => t.name),
      ['test', 'nightly script'],
    );
    const mine = list.body.items.find((t: { id: number }) => t.id === made.body.id);
    assert.equal(mine.expiresAt, made.body.expiresAt);
    assert.equal(mine.revokedAt, null);
    assert.equal(typeof mine.createdAt, 'number');
    assert.deepEqual(Object.keys(mine).sort(), ['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'revokedAt']);
    assert.ok(!JSON.stringify(list.body).includes(made.body.token), 'the secret is never listed');
    // The token this client signs in with was just used; the new one never was, until a script uses it.
    const signedIn = list.body.items.find((t: { name: string }) => t.name === 'test');
    assert.equal(typeof signedIn.lastUsedAt, 'number');
    assert.equal(mine.lastUsedAt, null);
    const before = Date.now();
    const script = await suite.anonymous.request('GET', '/api/v1/auth/session', undefined, {
      authorization: `Bearer ${made.body.token}`,
    });
    assert.equal(script.status, 200);
    const after = (await analyst.get('/api/v1/auth/tokens')).body.items.find(
      (t: { id: number }) => t.id === made.body.id,
    );
    assert.ok(after.lastUsedAt >= before, `last used at ${after.lastUsedAt}`);
  });

  it('revokes the caller’s own token at once, audited, and says so when it is already revoked', async () => {
    const made = await analyst.post('/api/v1/auth/tokens', { name: 'to revoke' });
    const asScript = () =>
      suite.anonymous.request('GET', '/api/v1/auth/session', undefined, { authorization: `Bearer ${made.body.token}` });
    assert.equal((await asScript()).status, 200);
    const gone = await analyst.request('DELETE', `/api/v1/auth/tokens/${made.body.id}`);
    assert.equal(gone.status, 200, JSON.stringify(gone.body));
    assert.equal((await asScript()).status, 401, 'a revoked token stops working at once');
    const listed = (await analyst.get('/api/v1/auth/tokens')).body.items.find(
      (t: { id: number }) => t.id === made.body.id,
    );
    assert.equal(typeof listed.revokedAt, 'number');
    const again = await analyst.request('DELETE', `/api/v1/auth/tokens/${made.body.id}`);
    assert.equal(again.status, 409);
    assert.match(again.body.message, /already revoked/);
    const [event] = await revocations(made.body.id);
    assert.equal(event.actor_user_id, analyst.userId);
    assert.equal(event.record_id, analyst.userId);
  });

  it('refuses to show or revoke someone else’s token to a non-admin (not found, nothing revealed)', async () => {
    const theirs = await colleague.post('/api/v1/auth/tokens', { name: 'colleague second' });
    const res = await analyst.request('DELETE', `/api/v1/auth/tokens/${theirs.body.id}`);
    assert.equal(res.status, 404);
    assert.match(res.body.message, /no personal token/);
    const unknown = await analyst.request('DELETE', '/api/v1/auth/tokens/999999');
    assert.deepEqual([unknown.status, unknown.body.code], [404, res.body.code], 'the same answer as for no token');
    const list = await analyst.get(`/api/v1/auth/tokens?userId=${colleague.userId}`);
    assert.equal(list.status, 404);
    assert.equal((await analyst.request('DELETE', '/api/v1/auth/tokens/abc')).status, 400);
    assert.equal((await colleague.get('/api/v1/auth/session')).status, 200, 'the colleague is unaffected');
  });

  it('lets an admin list and revoke a token of a user of their agency, and of no other agency', async () => {
    const theirs = await colleague.post('/api/v1/auth/tokens', { name: 'lost laptop' });
    const list = await admin.get(`/api/v1/auth/tokens?userId=${colleague.userId}`);
    assert.equal(list.status, 200);
    assert.ok(list.body.items.some((t: { id: number }) => t.id === theirs.body.id));
    assert.equal((await otherAdmin.get(`/api/v1/auth/tokens?userId=${colleague.userId}`)).status, 404);
    assert.equal((await otherAdmin.request('DELETE', `/api/v1/auth/tokens/${theirs.body.id}`)).status, 404);
    const res = await admin.request('DELETE', `/api/v1/auth/tokens/${theirs.body.id}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const [event] = await revocations(theirs.body.id);
    assert.equal(event.actor_user_id, admin.userId);
    assert.equal(event.record_id, colleague.userId, 'audited against the token’s user');
  });

  it('audits an admin’s look at a user’s tokens as a view of that user, and no one’s look at their own', async () => {
    await colleague.post('/api/v1/auth/tokens', { name: 'watched script' });
    const agencyId = admin.actor?.agencyId ?? 0;
    const head = await auditHead(suite);
    const list = await admin.get(`/api/v1/auth/tokens?userId=${colleague.userId}`);
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.deepEqual(await auditTrail(suite, { afterSeq: head }), [
      {
        seq: head + 1,
        action: 'view',
        actorUserId: admin.userId,
        actorAgencyId: agencyId,
        recordKind: 'user',
        recordId: colleague.userId,
        recordAgencyId: agencyId,
        details: { part: 'tokens', shown: list.body.items.length },
      },
    ]);
    const quiet = await auditHead(suite);
    assert.equal((await colleague.get('/api/v1/auth/tokens')).status, 200);
    assert.equal((await admin.get(`/api/v1/auth/tokens?userId=${admin.userId}`)).status, 200);
    assert.equal((await analyst.get(`/api/v1/auth/tokens?userId=${colleague.userId}`)).status, 404);
    assert.equal((await otherAdmin.get(`/api/v1/auth/tokens?userId=${colleague.userId}`)).status, 404);
    assert.deepEqual(await auditTrail(suite, { afterSeq: quiet }), [], 'own lists and refusals are no views');
  });

  it('keeps partner keys out of reach of this route', async () => {
    const actor = { userId: null, agencyId: admin.actor?.agencyId ?? 0, roles: ['admin' as const] };
    const key = await suite.vigil.apiKeys.createPartnerKey(actor, { name: 'partner via tokens' });
    assert.equal((await admin.request('DELETE', `/api/v1/auth/tokens/${key.id}`)).status, 404);
  });
});
