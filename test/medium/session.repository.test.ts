/**
 * Login sessions and API keys by token hash, on both dialects: a token hash is unique, revoking
 * touches only what it names, and every key read or revoke by id is held to its agency.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { type NewApiKey, SessionRepository } from '../../src/storage/session.repository.js';
import { describeEachDialect } from './dialect-harness.js';
import { makeWorld } from './records-fixtures.js';

const tokenHash = (text: string) => createHash('sha256').update(text).digest('hex');

describeEachDialect('session repository', (suite) => {
  const repo = () => new SessionRepository(suite.database.db);

  test('a session is found by its token hash only; the same hash twice is refused', async () => {
    const w = await makeWorld(suite.database, 'sess-find');
    const hash = tokenHash(`s-${w.a.id}`);
    await repo().createSession(hash, w.userA.id, 'csrf-1', 10, 1_000);
    const found = await repo().findSession(hash);
    assert.deepEqual(
      [found?.user_id, found?.csrf_token, Number(found?.created_at), Number(found?.expires_at), found?.revoked_at],
      [w.userA.id, 'csrf-1', 10, 1_000, null],
    );
    assert.equal(await repo().findSession(tokenHash('never issued')), null);
    await assert.rejects(repo().createSession(hash, w.userB.id, 'csrf-2', 11, 1_000));
    assert.equal((await repo().findSession(hash))?.user_id, w.userA.id);
  });

  test('revoking a session, or all of a user but one, leaves other sessions and users alone', async () => {
    const w = await makeWorld(suite.database, 'sess-revoke');
    const [a1, a2, a3, b1] = ['a1', 'a2', 'a3', 'b1'].map((x) => tokenHash(`${x}-${w.a.id}`)) as string[];
    for (const h of [a1, a2, a3]) await repo().createSession(h as string, w.userA.id, 'c', 1, 1_000);
    await repo().createSession(b1 as string, w.userB.id, 'c', 1, 1_000);
    await repo().revokeSession(a1 as string, 20);
    await repo().revokeUserSessions(w.userA.id, 30, a3);
    const revokedAt = async (h: string | undefined) => {
      const row = await repo().findSession(h as string);
      return row?.revoked_at === null ? null : Number(row?.revoked_at);
    };
    // a1 keeps the time it was first revoked; a2 goes with the user's; a3 is the one kept; b1 is another user's.
    assert.deepEqual(
      [await revokedAt(a1), await revokedAt(a2), await revokedAt(a3), await revokedAt(b1)],
      [20, 30, null, null],
    );
    await repo().revokeUserSessions(w.userA.id, 40);
    assert.deepEqual([await revokedAt(a3), await revokedAt(b1)], [40, null]);
  });

  test('API keys are listed, found and revoked within their agency only', async () => {
    const w = await makeWorld(suite.database, 'sess-keys');
    const key = (name: string, more: Partial<NewApiKey> = {}): NewApiKey => ({
      tokenHash: tokenHash(`${name}-${w.a.id}`),
      agencyId: w.a.id,
      userId: w.userA.id,
      name,
      kind: 'token',
      ratePerMinute: 60,
      expiresAt: null,
      ...more,
    });
    const personal = await repo().createApiKey(key('personal'), 5);
    const partner = await repo().createApiKey(key('partner', { userId: null, kind: 'partner', expiresAt: 99 }), 6);
    const foreign = await repo().createApiKey(key('foreign', { agencyId: w.b.id, userId: w.userB.id }), 7);
    assert.deepEqual(
      [personal.name, personal.kind, personal.user_id, Number(personal.created_at), personal.revoked_at],
      ['personal', 'token', w.userA.id, 5, null],
    );
    assert.equal((await repo().findApiKey(key('partner').tokenHash))?.id, partner.id);
    assert.equal(await repo().findApiKey(tokenHash('no such key')), null);
    assert.deepEqual(
      (await repo().listApiKeys(w.a.id)).map((k) => k.name),
      ['personal', 'partner'],
    );
    assert.equal((await repo().findApiKeyById(foreign.id, w.b.id))?.name, 'foreign');
    assert.equal(await repo().findApiKeyById(foreign.id, w.a.id), null);
    assert.deepEqual(
      (await repo().listUserTokens(w.userA.id)).map((k) => k.name),
      ['personal'],
    );

    assert.equal(await repo().revokeApiKey(foreign.id, w.a.id, 50), false);
    assert.equal((await repo().findApiKeyById(foreign.id, w.b.id))?.revoked_at, null);
    assert.equal(await repo().revokeApiKey(partner.id, w.a.id, 50), true);
    assert.equal(await repo().revokeApiKey(partner.id, w.a.id, 60), false);
    assert.equal(Number((await repo().findApiKeyById(partner.id, w.a.id))?.revoked_at), 50);
    await assert.rejects(repo().createApiKey(key('personal'), 8));
  });

  test("disabling a user revokes that user's active personal tokens only, and says how many", async () => {
    const w = await makeWorld(suite.database, 'sess-user-keys');
    const make = (name: string, userId: number | null, agencyId: number, kind: 'token' | 'partner' = 'token') =>
      repo().createApiKey(
        {
          tokenHash: tokenHash(`${name}-${w.a.id}`),
          agencyId,
          userId,
          name,
          kind,
          ratePerMinute: 60,
          expiresAt: null,
        },
        1,
      );
    const t1 = await make('t1', w.userA.id, w.a.id);
    await make('t2', w.userA.id, w.a.id);
    const done = await make('t3', w.userA.id, w.a.id);
    const partner = await make('p', null, w.a.id, 'partner');
    const other = await make('b', w.userB.id, w.b.id);
    await repo().revokeApiKey(done.id, w.a.id, 3);
    assert.equal(await repo().revokeUserApiKeys(w.userA.id, 9), 2);
    const state = async (id: number, agencyId: number) => (await repo().findApiKeyById(id, agencyId))?.revoked_at;
    assert.equal(Number(await state(t1.id, w.a.id)), 9);
    assert.equal(Number(await state(done.id, w.a.id)), 3);
    assert.equal(await state(partner.id, w.a.id), null);
    assert.equal(await state(other.id, w.b.id), null);
    assert.equal(await repo().revokeUserApiKeys(w.userA.id, 10), 0);
  });
});
