/**
 * Sign-in end to end on both dialects: first-start admin with a one-time password that must be
 * changed first, lock-out with back-off, TOTP enrolment and codes, CSRF on cookie sessions,
 * bearer tokens, logout.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { hashPassword } from '../../src/access/password.js';
import { totpCode, totpStep } from '../../src/access/totp.js';
import { LOCKOUT, lockDuration } from '../../src/services/auth.service.js';
import { CredentialRepository } from '../../src/storage/credential.repository.js';
import { describeEachServer } from '../support/http-harness.js';

const clock = { now: Date.UTC(2026, 10, 28, 12) };
const NEW_PASSWORD = 'a long new pass phrase';

describeEachServer(
  'sign-in',
  (suite) => {
    let admin = { username: '', password: '' };

    it('creates one admin with a one-time password on first start, and only once', async () => {
      const first = await suite.vigil.bootstrap.ensureFirstAdmin();
      assert.ok(first);
      assert.equal(first.username, 'admin');
      assert.ok(first.oneTimePassword.length >= 16);
      assert.equal(await suite.vigil.bootstrap.ensureFirstAdmin(), null);
      admin = { username: first.username, password: first.oneTimePassword };
    });

    it('holds every other request until the one-time password is changed', async () => {
      const session = await suite.signIn(admin.username, admin.password);
      assert.equal(session.login.status, 200);
      assert.equal(session.login.body.pending, 'password-change');
      assert.match(String(session.login.headers['set-cookie']), /HttpOnly/i);
      assert.match(String(session.login.headers['set-cookie']), /SameSite=Strict/i);
      const blocked = await session.post('/api/v1/auth/tokens', { name: 'x' });
      assert.equal(blocked.status, 403);
      assert.equal(blocked.body.code, 'password-change-required');
      const weak = await session.post('/api/v1/auth/password', {
        currentPassword: admin.password,
        newPassword: 'short',
      });
      assert.equal(weak.status, 400);
      assert.match(weak.body.message, /shorter than 12/);
      const changed = await session.post('/api/v1/auth/password', {
        currentPassword: admin.password,
        newPassword: NEW_PASSWORD,
      });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      const me = await session.get('/api/v1/auth/session');
      assert.equal(me.body.pending, null);
      assert.equal((await suite.signIn(admin.username, admin.password)).login.status, 401, 'the old password is gone');
    });

    it('refuses an unsafe cookie request without the CSRF token, and accepts it with', async () => {
      const session = await suite.signIn(admin.username, NEW_PASSWORD);
      const without = await session.request('POST', '/api/v1/auth/tokens', { name: 'script' }, { 'x-csrf-token': '' });
      assert.equal(without.status, 403);
      assert.match(without.body.message, /CSRF/);
      const withToken = await session.post('/api/v1/auth/tokens', { name: 'script' });
      assert.equal(withToken.status, 201);
      assert.match(withToken.body.token, /^vgk_/);
      const bearer = await suite.anonymous.request('GET', '/api/v1/auth/session', undefined, {
        authorization: `Bearer ${withToken.body.token}`,
      });
      assert.equal(bearer.status, 200);
      assert.equal(bearer.body.user.username, admin.username);
    });

    it('locks an account out with a growing back-off, and says for how long', async () => {
      const agency = await suite.addAgency('Lock-out unit');
      const user = await suite.addUser(agency, ['viewer'], 'lockme');
      const password = 'the right pass phrase';
      await new CredentialRepository(suite.vigil.database.db).setPassword(
        user.userId,
        await hashPassword(password),
        0,
        false,
      );
      for (let i = 0; i < LOCKOUT.freeFailures - 1; i++) {
        assert.equal((await suite.signIn('lockme', 'wrong pass phrase')).login.status, 401);
      }
      const locking = await suite.signIn('lockme', 'wrong pass phrase');
      assert.equal(locking.login.status, 401);
      const locked = await suite.signIn('lockme', password);
      assert.equal(locked.login.status, 429, 'even the right password waits');
      assert.equal(locked.login.body.code, 'locked-out');
      assert.equal(locked.login.headers['retry-after'], String(lockDuration(LOCKOUT.freeFailures) / 1000));
      clock.now += lockDuration(LOCKOUT.freeFailures) + 1;
      const again = await suite.signIn('lockme', 'wrong pass phrase');
      assert.equal(again.login.status, 401);
      assert.equal((await suite.signIn('lockme', password)).login.status, 429, 'the next lock is longer');
      clock.now += lockDuration(LOCKOUT.freeFailures + 1) + 1;
      assert.equal((await suite.signIn('lockme', password)).login.status, 200);
      assert.equal(lockDuration(LOCKOUT.freeFailures + 20), LOCKOUT.maxLockMs);
    });

    it('requires a TOTP code once enrolled, refuses a reused one, and enforces enrolment per agency', async () => {
      const session = await suite.signIn(admin.username, NEW_PASSWORD);
      assert.equal((await session.get('/api/v1/auth/session')).body.secondFactor, false);
      const begun = await session.post('/api/v1/auth/totp');
      assert.equal(begun.status, 200);
      assert.match(begun.body.uri, /^otpauth:\/\/totp\//);
      const secret = begun.body.secret as string;
      const wrong = await session.post('/api/v1/auth/totp/confirm', { code: '000000' });
      assert.equal(wrong.status, 400);
      const code = totpCode(secret, totpStep(clock.now));
      assert.equal((await session.post('/api/v1/auth/totp/confirm', { code })).status, 200);
      assert.equal((await session.get('/api/v1/auth/session')).body.secondFactor, true, 'the owner sees it is on');
      const noCode = await suite.signIn(admin.username, NEW_PASSWORD);
      assert.equal(noCode.login.status, 401);
      assert.equal(noCode.login.body.code, 'totp-required');
      clock.now += 30_000;
      const fresh = totpCode(secret, totpStep(clock.now));
      const withCode = await suite.signIn(admin.username, NEW_PASSWORD, fresh);
      assert.equal(withCode.login.status, 200);
      assert.equal(withCode.login.body.secondFactor, true);
      assert.equal((await suite.signIn(admin.username, NEW_PASSWORD, fresh)).login.status, 401, 'a code works once');

      const strict = await suite.addAgency('Strict unit');
      const member = await suite.addUser(strict, ['analyst'], 'strict-member');
      await new CredentialRepository(suite.vigil.database.db).setRequireTotp(strict, true);
      const otp = await suite.vigil.auth.setOneTimePassword(member.userId);
      const signed = await suite.signIn('strict-member', otp);
      assert.equal(signed.login.body.pending, 'password-change');
      await signed.post('/api/v1/auth/password', { currentPassword: otp, newPassword: NEW_PASSWORD });
      const me = await signed.get('/api/v1/auth/session');
      assert.equal(me.body.pending, 'totp-enrolment');
      const held = await signed.post('/api/v1/auth/tokens', { name: 'x' });
      assert.equal(held.status, 403);
      assert.match(held.body.message, /second factor/);
    });

    it('ends the session on logout and refuses unknown tokens', async () => {
      const agency = await suite.addAgency('Logout unit');
      const user = await suite.addUser(agency, ['viewer'], 'leaver');
      const otp = await suite.vigil.auth.setOneTimePassword(user.userId);
      const session = await suite.signIn('leaver', otp);
      assert.equal((await session.post('/api/v1/auth/logout')).status, 200);
      assert.equal((await session.get('/api/v1/auth/session')).status, 401);
      const forged = await suite.anonymous.request('GET', '/api/v1/auth/session', undefined, {
        authorization: `Bearer vgk_${'A'.repeat(43)}`,
      });
      assert.equal(forged.status, 401);
      assert.equal(forged.body.code, 'unauthenticated');
      assert.equal((await suite.anonymous.get('/api/v1/auth/session')).status, 401);
    });
  },
  { app: { now: () => clock.now } },
);
