/**
 * Users as their agency's admins see them, on both dialects: the scope decides which users a
 * caller reaches (own agency; write for admins only), credentials show as flags (never hashes),
 * and the last-admin check and the audit log's usernames stay within one agency.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor } from '../../src/access/access-record.js';
import { scopeWhere } from '../../src/access/scope-query.js';
import type { Role } from '../../src/domain/agency.record.js';
import { AgencyRepository } from '../../src/storage/agency.repository.js';
import { CredentialRepository } from '../../src/storage/credential.repository.js';
import { UserAccountRepository } from '../../src/storage/user-account.repository.js';
import { describeEachDialect } from './dialect-harness.js';
import { makeWorld, type World } from './records-fixtures.js';

describeEachDialect('user account repository', (suite) => {
  const repo = () => new UserAccountRepository(suite.database.db);
  const agencies = () => new AgencyRepository(suite.database.db);
  let n = 0;
  const addUser = (agencyId: number, roles: Role[]) =>
    agencies().createUser({ agencyId, username: `ua-${agencyId}-${++n}`, displayName: `User ${n}`, roles });
  const actor = (w: World, agencyId: number, roles: Role[]): Actor => ({ userId: w.userA.id, agencyId, roles });

  test('accounts come in the order asked, with sorted roles and credential flags, missing ones left out', async () => {
    const w = await makeWorld(suite.database, 'ua-view');
    const admin = await addUser(w.a.id, ['viewer', 'admin']);
    const credentials = new CredentialRepository(suite.database.db);
    await credentials.setPassword(admin.id, '$argon2id$secret', 1, true);
    await credentials.setTotp(admin.id, 'JBSWY3DPEHPK3PXP', 5, null);
    await credentials.setPassword(w.userA.id, '$argon2id$other', 1, false);
    await credentials.setTotp(w.userA.id, 'JBSWY3DPEHPK3PXP', null, null);
    const found = await repo().byIds([admin.id, 999_999, w.userA.id, w.userB.id]);
    assert.deepEqual(
      found.map((u) => [u.id, u.roles, u.secondFactor, u.passwordPending]),
      [
        [admin.id, ['admin', 'viewer'], true, true],
        // A pending TOTP secret is not a second factor yet; no credentials at all: nothing pending.
        [w.userA.id, ['analyst'], false, false],
        [w.userB.id, ['analyst'], false, false],
      ],
    );
    assert.equal(JSON.stringify(found).includes('argon2id'), false);
    assert.equal(JSON.stringify(found).includes('JBSWY3DP'), false);
    assert.deepEqual(await repo().byIds([]), []);
  });

  test("the read scope reaches the caller's agency only; the write scope only for its admins", async () => {
    const w = await makeWorld(suite.database, 'ua-scope');
    const second = await addUser(w.a.id, ['viewer']);
    const read = await repo().idsInScope(scopeWhere(actor(w, w.a.id, ['viewer']), 'read', 'user'));
    assert.deepEqual(read, [w.userA.id, second.id]);
    assert.deepEqual(await repo().idsInScope(scopeWhere(actor(w, w.a.id, ['partner']), 'read', 'user')), []);
    const admin = scopeWhere(actor(w, w.a.id, ['admin']), 'write', 'user');
    assert.equal(await repo().inScope(admin, second.id), true);
    assert.equal(await repo().inScope(admin, w.userB.id), false);
    assert.equal(await repo().inScope(scopeWhere(actor(w, w.a.id, ['analyst']), 'write', 'user'), second.id), false);
    assert.equal(await repo().inScope(admin, 999_999), false);
  });

  test('another active admin of the same agency counts; disabled ones and other agencies do not', async () => {
    const w = await makeWorld(suite.database, 'ua-admins');
    const first = await addUser(w.a.id, ['admin']);
    await addUser(w.b.id, ['admin']);
    assert.equal(await repo().hasOtherActiveAdmin(w.a.id, first.id), false);
    const second = await addUser(w.a.id, ['admin', 'analyst']);
    assert.equal(await repo().hasOtherActiveAdmin(w.a.id, first.id), true);
    await agencies().setUserDisabled(second.id, 10);
    assert.equal(await repo().hasOtherActiveAdmin(w.a.id, first.id), false);
    assert.equal(await repo().hasOtherActiveAdmin(w.a.id, second.id), true);
  });

  test("usernames are given for the agency's own users only", async () => {
    const w = await makeWorld(suite.database, 'ua-names');
    const names = await repo().usernamesInAgency([w.userA.id, w.userB.id, w.userA.id, 999_999], w.a.id);
    assert.deepEqual([...names.entries()], [[w.userA.id, w.userA.username]]);
    assert.equal((await repo().usernamesInAgency([], w.a.id)).size, 0);
  });
});
