/**
 * User administration and partner keys on both dialects: an agency's admins add users (one-time
 * password), change roles, disable (which ends sessions and tokens at once), reset passwords and
 * lost second factors, and issue and revoke partner keys; other agencies' users and keys are not
 * found, other roles are refused, and every change is audited.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { totpCode, totpStep } from '../../src/access/totp.js';
import { auditHead, auditTrail } from '../support/audit-trail.js';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';

const PASSWORD = 'a long enough pass phrase';

describeEachServer('users and partner keys', (suite) => {
  let own = 0;
  let other = 0;
  let admin: ApiClient & { userId: number };
  let analyst: ApiClient & { userId: number };
  let otherAdmin: ApiClient & { userId: number };

  /** A user added through the API who has replaced their one-time password, signed in. */
  async function newPerson(username: string, roles: string[] = ['analyst']) {
    const created = await admin.post('/api/v1/users', { username, displayName: `Person ${username}`, roles });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const first = await suite.signIn(username, created.body.oneTimePassword);
    const changed = await first.post('/api/v1/auth/password', {
      currentPassword: created.body.oneTimePassword,
      newPassword: PASSWORD,
    });
    assert.equal(changed.status, 200);
    return { id: created.body.user.id as number, session: first };
  }

  before(async () => {
    own = await suite.addAgency('Users own unit');
    other = await suite.addAgency('Users other unit');
    admin = await suite.addUser(own, ['admin']);
    analyst = await suite.addUser(own, ['analyst']);
    otherAdmin = await suite.addUser(other, ['admin']);
  });

  it("lists the caller's agency's users only, to its colleagues", async () => {
    const auditor = await suite.addUser(own, ['auditor']);
    const list = await auditor.get('/api/v1/users');
    assert.equal(list.status, 200);
    const ids = list.body.items.map((u: { id: number }) => u.id);
    assert.ok(ids.includes(admin.userId) && ids.includes(analyst.userId));
    assert.ok(!ids.includes(otherAdmin.userId));
    assert.ok(list.body.items.every((u: { agencyId: number }) => u.agencyId === own));
    const partner = await suite.addPartner(own);
    assert.equal((await partner.get('/api/v1/users')).status, 403);
  });

  it('shows second factors and pending one-time passwords to admins only', async () => {
    const security = (u: Record<string, unknown>) => [u.secondFactor, u.passwordPending];
    const byAdmin = await admin.get('/api/v1/users');
    const seen = byAdmin.body.items.find((u: { id: number }) => u.id === analyst.userId);
    assert.deepEqual(
      security(seen).map((v) => typeof v),
      ['boolean', 'boolean'],
    );
    for (const colleague of [analyst, await suite.addUser(own, ['viewer'])]) {
      const list = await colleague.get('/api/v1/users');
      assert.equal(list.status, 200);
      for (const u of list.body.items) assert.deepEqual(security(u), [undefined, undefined], JSON.stringify(u));
    }
  });

  it('adds a user with a one-time password that must be replaced first, audited', async () => {
    const head = await auditHead(suite);
    const created = await admin.post('/api/v1/users', {
      username: 'new.analyst',
      displayName: 'N',
      roles: ['analyst'],
    });
    assert.equal(created.status, 201);
    assert.deepEqual(created.body.user.roles, ['analyst']);
    assert.equal(created.body.user.passwordPending, true);
    assert.equal(created.body.user.agencyId, own);
    const session = await suite.signIn('new.analyst', created.body.oneTimePassword);
    assert.equal(session.login.body.pending, 'password-change');
    const events = await auditTrail(suite, { afterSeq: head, recordKind: 'user', action: 'create' });
    assert.deepEqual(
      events.map((e) => [e.recordId, e.actorUserId]),
      [[created.body.user.id, admin.userId]],
    );

    assert.equal(
      (await admin.post('/api/v1/users', { username: 'new.analyst', displayName: 'N', roles: ['viewer'] })).status,
      409,
    );
    for (const body of [
      { username: 'p', displayName: 'N', roles: ['viewer'] },
      { username: 'partner-x', displayName: 'N', roles: ['partner'] },
      { username: 'no-roles', displayName: 'N', roles: [] },
      { username: 'extra', displayName: 'N', roles: ['viewer'], agencyId: other },
    ]) {
      const bad = await admin.post('/api/v1/users', body);
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.equal(bad.body.code, 'bad-usage');
    }
    assert.equal(
      (await analyst.post('/api/v1/users', { username: 'by-analyst', displayName: 'N', roles: ['viewer'] })).status,
      403,
    );
  });

  it('disabling a user ends their sessions and tokens at once; enabling lets them sign in again', async () => {
    const person = await newPerson('to.disable');
    const token = await person.session.post('/api/v1/auth/tokens', { name: 'script' });
    assert.equal(token.status, 201);
    const bearer = (url: string) =>
      suite.anonymous.request('GET', url, undefined, { authorization: `Bearer ${token.body.token}` });
    assert.equal((await bearer('/api/v1/users')).status, 200);
    assert.equal((await person.session.get('/api/v1/users')).status, 200);

    const head = await auditHead(suite);
    const disabled = await admin.request('PATCH', `/api/v1/users/${person.id}`, { disabled: true });
    assert.equal(disabled.status, 200);
    assert.ok(disabled.body.disabledAt > 0);
    assert.equal((await person.session.get('/api/v1/users')).status, 401, 'the session is over');
    assert.equal((await bearer('/api/v1/users')).status, 401, 'the token is revoked');
    assert.equal((await suite.signIn('to.disable', PASSWORD)).login.status, 401);
    const [event] = await auditTrail(suite, { afterSeq: head, recordKind: 'user', recordId: person.id });
    assert.equal(event.action, 'update');
    assert.equal(event.details.disabled, true);
    assert.equal(event.details.tokensRevoked, 1);

    const enabled = await admin.request('PATCH', `/api/v1/users/${person.id}`, { disabled: false });
    assert.equal(enabled.body.disabledAt, null);
    assert.equal((await suite.signIn('to.disable', PASSWORD)).login.status, 200);
    assert.equal((await bearer('/api/v1/users')).status, 401, 'revoked tokens stay revoked');
  });

  it('changes roles, keeps one active admin, and never reaches another agency', async () => {
    const person = await newPerson('role.change', ['viewer']);
    const changed = await admin.request('PATCH', `/api/v1/users/${person.id}`, {
      roles: ['analyst', 'auditor'],
      displayName: 'Renamed',
    });
    assert.equal(changed.status, 200);
    assert.deepEqual(changed.body.roles, ['analyst', 'auditor']);
    assert.equal(changed.body.displayName, 'Renamed');
    assert.equal((await admin.request('PATCH', `/api/v1/users/${person.id}`, {})).status, 400);

    const lonely = await suite.addAgency('One-admin unit');
    const only = await suite.addUser(lonely, ['admin']);
    const self = await only.request('PATCH', `/api/v1/users/${only.userId}`, { disabled: true });
    assert.equal(self.status, 409);
    assert.match(self.body.message, /last active admin/);
    assert.equal((await only.request('PATCH', `/api/v1/users/${only.userId}`, { roles: ['viewer'] })).status, 409);

    for (const [method, url, body] of [
      ['PATCH', `/api/v1/users/${otherAdmin.userId}`, { disabled: true }],
      ['POST', `/api/v1/users/${otherAdmin.userId}/password-reset`, {}],
      ['DELETE', `/api/v1/users/${otherAdmin.userId}/totp`, undefined],
    ] as const) {
      const res = await admin.request(method, url, body);
      assert.equal(res.status, 404, `${method} ${url}`);
    }
    assert.equal((await analyst.request('PATCH', `/api/v1/users/${person.id}`, { disabled: true })).status, 403);
  });

  it('resets a password to a one-time password and a lost second factor, audited', async () => {
    const person = await newPerson('resets');
    const begun = await person.session.post('/api/v1/auth/totp');
    const code = totpCode(begun.body.secret, totpStep(Date.now()));
    assert.equal((await person.session.post('/api/v1/auth/totp/confirm', { code })).status, 200);
    const listed = (await admin.get('/api/v1/users')).body.items.find((u: { id: number }) => u.id === person.id);
    assert.equal(listed.secondFactor, true);
    assert.equal((await suite.signIn('resets', PASSWORD)).login.body.code, 'totp-required');

    const head = await auditHead(suite);
    const reset = await admin.request('DELETE', `/api/v1/users/${person.id}/totp`);
    assert.equal(reset.status, 200);
    assert.equal(reset.body.secondFactor, false);
    assert.equal((await person.session.get('/api/v1/users')).status, 401, 'sessions end with the factor');
    assert.equal((await suite.signIn('resets', PASSWORD)).login.status, 200, 'no code needed now');

    const pw = await admin.post(`/api/v1/users/${person.id}/password-reset`);
    assert.equal(pw.status, 200);
    assert.equal((await suite.signIn('resets', PASSWORD)).login.status, 401, 'the old password is gone');
    const fresh = await suite.signIn('resets', pw.body.oneTimePassword);
    assert.equal(fresh.login.body.pending, 'password-change');
    const events = await auditTrail(suite, { afterSeq: head, recordKind: 'user', recordId: person.id });
    assert.deepEqual(
      events.filter((e) => e.actorUserId === admin.userId).map((e) => e.action),
      ['totp-reset', 'password-reset'],
    );
  });

  it('issues, lists and revokes partner keys of the agency only', async () => {
    const head = await auditHead(suite);
    const created = await admin.post('/api/v1/partner-keys', { name: 'Industry partner', ratePerMinute: 1200 });
    assert.equal(created.status, 201);
    assert.match(created.body.token, /^vgp_/);
    const partner = (url: string) =>
      suite.anonymous.request('GET', url, undefined, { authorization: `Bearer ${created.body.token}` });
    const unused = await admin.get('/api/v1/partner-keys');
    const before = unused.body.items.find((k: { id: number }) => k.id === created.body.id);
    assert.equal(before.lastUsedAt, null, 'not used yet');
    assert.equal((await partner('/api/v1/users')).status, 403, 'a partner key does lookups only');

    const list = await admin.get('/api/v1/partner-keys');
    const key = list.body.items.find((k: { id: number }) => k.id === created.body.id);
    assert.equal(key.ratePerMinute, 1200);
    assert.equal(key.revokedAt, null);
    assert.equal(typeof key.lastUsedAt, 'number', 'the admin sees when the partner last used it');
    assert.ok(!JSON.stringify(list.body).includes(created.body.token));
    assert.ok(
      list.body.items.every((k: { name: string }) => k.name !== 'test'),
      'personal tokens are not partner keys',
    );
    assert.equal((await analyst.get('/api/v1/partner-keys')).status, 403);

    const personal = await analyst.post('/api/v1/auth/tokens', { name: 'mine' });
    assert.equal((await admin.request('DELETE', `/api/v1/partner-keys/${personal.body.id}`)).status, 404);
    const theirs = await otherAdmin.post('/api/v1/partner-keys', { name: 'Theirs' });
    assert.equal((await admin.request('DELETE', `/api/v1/partner-keys/${theirs.body.id}`)).status, 404);

    assert.equal((await admin.request('DELETE', `/api/v1/partner-keys/${created.body.id}`)).status, 200);
    assert.equal((await partner('/api/v1/agencies')).status, 401, 'revoked at once');
    assert.equal((await admin.request('DELETE', `/api/v1/partner-keys/${created.body.id}`)).status, 409);
    const actions = (await auditTrail(suite, { afterSeq: head })).map((e) => e.action);
    assert.ok(actions.includes('create-partner-key') && actions.includes('revoke-key'));
    assert.equal((await admin.post('/api/v1/partner-keys', { name: '' })).status, 400);
  });
});
