/**
 * Password credentials, lock-out counters, TOTP state, agency security policy and installation
 * settings, on both dialects: each change touches only its own user, agency or key.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CredentialRepository } from '../../src/storage/credential.repository.js';
import { SettingsRepository } from '../../src/storage/settings.repository.js';
import { describeEachDialect } from './dialect-harness.js';
import { makeWorld } from './records-fixtures.js';

describeEachDialect('credential repository', (suite) => {
  const repo = () => new CredentialRepository(suite.database.db);

  test('no credentials on a fresh installation; a password makes one, found by its user only', async () => {
    assert.equal(await repo().anyExists(), false);
    const w = await makeWorld(suite.database, 'cred-new');
    assert.equal(await repo().find(w.userA.id), null);
    await repo().setPassword(w.userA.id, '$argon2id$first', 100, true);
    assert.equal(await repo().anyExists(), true);
    const found = await repo().find(w.userA.id);
    assert.deepEqual(
      [found?.password_hash, Number(found?.password_set_at), Number(found?.must_change), Number(found?.failed_logins)],
      ['$argon2id$first', 100, 1, 0],
    );
    assert.equal(found?.locked_until, null);
    assert.equal(await repo().find(w.userB.id), null);
  });

  test('a new password replaces the old one and clears a lock-out; failures and success count per user', async () => {
    const w = await makeWorld(suite.database, 'cred-lock');
    await repo().setPassword(w.userA.id, '$argon2id$a', 1, false);
    await repo().setPassword(w.userB.id, '$argon2id$b', 1, false);
    await repo().recordFailure(w.userA.id, 5, 9_999);
    const locked = await repo().find(w.userA.id);
    assert.deepEqual([Number(locked?.failed_logins), Number(locked?.locked_until)], [5, 9_999]);
    const other = await repo().find(w.userB.id);
    assert.deepEqual([Number(other?.failed_logins), other?.locked_until], [0, null]);

    await repo().setPassword(w.userA.id, '$argon2id$a2', 2, true);
    const reset = await repo().find(w.userA.id);
    assert.deepEqual(
      [reset?.password_hash, Number(reset?.must_change), Number(reset?.failed_logins), reset?.locked_until],
      ['$argon2id$a2', 1, 0, null],
    );

    await repo().recordFailure(w.userA.id, 2, null);
    await repo().recordSuccess(w.userA.id, null);
    const ok = await repo().find(w.userA.id);
    assert.deepEqual([Number(ok?.failed_logins), ok?.locked_until, ok?.totp_last_step], [0, null, null]);
  });

  test('TOTP: a pending secret, then active with the last step kept; success moves the step, reset clears it', async () => {
    const w = await makeWorld(suite.database, 'cred-totp');
    await repo().setPassword(w.userA.id, '$argon2id$t', 1, false);
    await repo().setTotp(w.userA.id, 'JBSWY3DPEHPK3PXP', null, null);
    const pending = await repo().find(w.userA.id);
    assert.deepEqual([pending?.totp_secret, pending?.totp_enabled_at], ['JBSWY3DPEHPK3PXP', null]);
    await repo().setTotp(w.userA.id, 'JBSWY3DPEHPK3PXP', 50, 7);
    await repo().recordSuccess(w.userA.id, 8);
    const active = await repo().find(w.userA.id);
    assert.deepEqual([Number(active?.totp_enabled_at), Number(active?.totp_last_step)], [50, 8]);
    // A success without a code (no second factor asked) leaves the last step as it was.
    await repo().recordSuccess(w.userA.id, null);
    assert.equal(Number((await repo().find(w.userA.id))?.totp_last_step), 8);
    await repo().setTotp(w.userA.id, null, null, null);
    const cleared = await repo().find(w.userA.id);
    assert.deepEqual([cleared?.totp_secret, cleared?.totp_enabled_at, cleared?.totp_last_step], [null, null, null]);
    assert.equal(cleared?.password_hash, '$argon2id$t');
  });

  test("an agency's second-factor policy is off until set, and set for that agency alone", async () => {
    const w = await makeWorld(suite.database, 'cred-policy');
    assert.equal(await repo().requiresTotp(w.a.id), false);
    await repo().setRequireTotp(w.a.id, true);
    assert.deepEqual([await repo().requiresTotp(w.a.id), await repo().requiresTotp(w.b.id)], [true, false]);
    await repo().setRequireTotp(w.a.id, true);
    await repo().setRequireTotp(w.a.id, false);
    assert.equal(await repo().requiresTotp(w.a.id), false);
  });

  test('a setting is set once: a second value does not replace the first', async () => {
    const settings = new SettingsRepository(suite.database.db);
    assert.equal(await settings.get('operator_agency_id'), null);
    assert.equal(await settings.setIfAbsent('operator_agency_id', '7'), '7');
    assert.equal(await settings.setIfAbsent('operator_agency_id', '8'), '7');
    assert.equal(await settings.get('operator_agency_id'), '7');
    assert.equal(await settings.get('other'), null);
  });
});
