/**
 * A key's last use, on both dialects: signing in with a personal token records when, at most once
 * a minute per key (lookups many times a second do not even try to write), also across two hub
 * processes (two PrincipalServices with their own memory on one database); a revoked token's
 * failed sign-in records nothing; the token list says when each was last used.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiKeyService } from '../../src/services/api-key.service.js';
import { PersonalTokenService } from '../../src/services/personal-token.service.js';
import { PrincipalService, USE_WRITE_MS } from '../../src/services/principal.service.js';
import { describeEachDialect } from './dialect-harness.js';
import { makeWorld } from './records-fixtures.js';

describeEachDialect('api key last use', (suite) => {
  test('records a use at most once a minute per key, across processes, and lists it', async () => {
    const w = await makeWorld(suite.database, 'last-used');
    let clock = 1_000_000;
    const now = () => clock;
    // Two hub processes: their own key caches and use maps, one database. No key cache, so each
    // sign-in reaches the use check (the cache would hide nothing: uses are checked on hits too).
    const principals = new PrincipalService(suite.database, now, 0);
    const otherProcess = new PrincipalService(suite.database, now, 0);
    const keys = new ApiKeyService(suite.database, principals, now);
    const tokens = new PersonalTokenService(suite.database, keys);
    const actor = { userId: w.userA.id, agencyId: w.a.id, roles: w.userA.roles };
    const used = await keys.createUserToken(actor, { name: 'script' });
    const unused = await keys.createUserToken(actor, { name: 'spare' });
    const lastUsed = async () =>
      Object.fromEntries((await tokens.list(actor, undefined)).map((t) => [t.name, t.lastUsedAt]));
    const writes: number[] = [];
    const row = () =>
      suite.database.db
        .selectFrom('api_keys')
        .select('last_used_at')
        .where('id', '=', used.id)
        .executeTakeFirstOrThrow();

    assert.deepEqual(await lastUsed(), { script: null, spare: null });
    for (let i = 0; i < 50; i++) {
      const principal = await (i % 2 === 0 ? principals : otherProcess).fromBearer(used.token);
      assert.equal(principal?.keyId, used.id);
      const at = Number((await row()).last_used_at);
      if (writes.at(-1) !== at) writes.push(at);
      clock += 1_000; // 50 sign-ins over 50 s, half through each process
    }
    assert.deepEqual(writes, [1_000_000], 'one write in the first minute, by either process');
    assert.deepEqual(await lastUsed(), { script: 1_000_000, spare: null });
    // Within the minute a process does not even try: with the stored time cleared, nothing writes it.
    await suite.database.db.updateTable('api_keys').set({ last_used_at: null }).where('id', '=', used.id).execute();
    await principals.fromBearer(used.token);
    await otherProcess.fromBearer(used.token);
    assert.equal((await row()).last_used_at, null, 'no write attempt within the minute');

    clock = 1_000_000 + USE_WRITE_MS + 5_000;
    await otherProcess.fromBearer(used.token);
    assert.equal(Number((await row()).last_used_at), clock, 'a minute on, the next use is written');
    await principals.fromBearer(used.token);
    assert.equal(Number((await row()).last_used_at), clock, 'and the other process does not write it again');

    await keys.revoke(actor, unused.id, actor.userId);
    clock += 2 * USE_WRITE_MS;
    assert.equal(await principals.fromBearer(unused.token), null);
    assert.equal((await lastUsed()).spare, null, 'a revoked token signs nothing in, so nothing is recorded');
  });
});
