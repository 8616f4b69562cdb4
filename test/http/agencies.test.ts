/**
 * Agencies on both dialects: the directory, one agency (its policy only for its own users), adding
 * an agency with its first admin (operating agency's admins only; the one-time password works
 * once and must be replaced), the second-factor policy, and the audit events of each change.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { OPERATOR_SETTING } from '../../src/services/bootstrap.service.js';
import { SettingsRepository } from '../../src/storage/settings.repository.js';
import { auditHead, auditTrail } from '../support/audit-trail.js';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';

describeEachServer('agencies', (suite) => {
  let operator = 0;
  let member = 0;
  let operatorAdmin: ApiClient & { userId: number };
  let memberAdmin: ApiClient & { userId: number };
  let memberViewer: ApiClient;

  before(async () => {
    operator = await suite.addAgency('Hub operator unit', 'XI');
    member = await suite.addAgency('Member unit', 'FR');
    await new SettingsRepository(suite.vigil.database.db).setIfAbsent(OPERATOR_SETTING, String(operator));
    operatorAdmin = await suite.addUser(operator, ['admin']);
    memberAdmin = await suite.addUser(member, ['admin']);
    memberViewer = await suite.addUser(member, ['viewer']);
  });

  it('lists the directory, marks the operator, and shows a policy only to the agency itself', async () => {
    const list = await memberViewer.get('/api/v1/agencies');
    assert.equal(list.status, 200);
    const names = list.body.items.map((a: { name: string }) => a.name);
    assert.ok(names.includes('Hub operator unit') && names.includes('Member unit'));
    assert.equal(list.body.items.find((a: { id: number }) => a.id === operator).operator, true);
    const own = await memberViewer.get(`/api/v1/agencies/${member}`);
    assert.equal(own.status, 200);
    assert.deepEqual(own.body.policy, { requireTotp: false });
    const other = await memberViewer.get(`/api/v1/agencies/${operator}`);
    assert.equal(other.status, 200);
    assert.equal(other.body.policy, undefined);
    assert.equal((await memberViewer.get('/api/v1/agencies/999999')).status, 404);
  });

  it('lets only admins of the operating agency add an agency, with a first admin and a one-time password', async () => {
    const body = {
      countryCode: 'DE',
      name: 'New unit',
      admin: { username: 'new-unit-admin', displayName: 'First admin' },
    };
    const byMember = await memberAdmin.post('/api/v1/agencies', body);
    assert.equal(byMember.status, 403);
    assert.match(byMember.body.message, /operates this hub/);
    assert.equal((await memberViewer.post('/api/v1/agencies', body)).status, 403);

    const head = await auditHead(suite);
    const created = await operatorAdmin.post('/api/v1/agencies', body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.agency.name, 'New unit');
    assert.equal(created.body.admin.username, 'new-unit-admin');
    assert.deepEqual(created.body.admin.roles, ['admin']);
    assert.equal(created.body.admin.agencyId, created.body.agency.id);
    const events = await auditTrail(suite, { afterSeq: head, recordKind: 'agency', action: 'create' });
    assert.equal(events.length, 1);
    assert.equal(events[0].recordId, created.body.agency.id);
    assert.equal(events[0].actorUserId, operatorAdmin.userId);

    const session = await suite.signIn('new-unit-admin', created.body.oneTimePassword);
    assert.equal(session.login.status, 200);
    assert.equal(session.login.body.pending, 'password-change');
    assert.equal((await session.get('/api/v1/agencies')).status, 403, 'nothing else until the password is replaced');

    assert.equal((await operatorAdmin.post('/api/v1/agencies', body)).status, 409, 'same country and name again');
    const taken = { ...body, name: 'Another unit' };
    assert.equal((await operatorAdmin.post('/api/v1/agencies', taken)).status, 409, 'username taken');
    const names = (await operatorAdmin.get('/api/v1/agencies')).body.items.map((a: { name: string }) => a.name);
    assert.ok(!names.includes('Another unit'), 'a refused admin leaves no agency behind');
  });

  it('refuses a malformed agency with a problem naming the field', async () => {
    const bad = await operatorAdmin.post('/api/v1/agencies', {
      countryCode: 'de',
      name: 'x',
      admin: { username: 'ok-name', displayName: 'x' },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'bad-usage');
    assert.match(bad.body.message, /countryCode/);
    const extra = await operatorAdmin.post('/api/v1/agencies', { countryCode: 'DE', name: 'x', admin: {}, x: 1 });
    assert.equal(extra.status, 400);
  });

  it("sets the agency's second-factor policy: its own admins only, audited", async () => {
    const head = await auditHead(suite);
    const set = await memberAdmin.request('PUT', `/api/v1/agencies/${member}/policy`, { requireTotp: true });
    assert.equal(set.status, 200);
    assert.deepEqual(set.body, { requireTotp: true });
    const events = await auditTrail(suite, { afterSeq: head, action: 'policy-change' });
    assert.deepEqual(
      events.map((e) => [e.recordKind, e.recordId, e.details.requireTotp]),
      [['agency', member, true]],
    );
    assert.deepEqual((await memberViewer.get(`/api/v1/agencies/${member}`)).body.policy, { requireTotp: true });
    assert.equal(
      (await memberAdmin.request('PUT', `/api/v1/agencies/${member}/policy`, { requireTotp: false })).status,
      200,
    );

    const other = await memberAdmin.request('PUT', `/api/v1/agencies/${operator}/policy`, { requireTotp: true });
    assert.equal(other.status, 403);
    const viewer = await memberViewer.request('PUT', `/api/v1/agencies/${member}/policy`, { requireTotp: false });
    assert.equal(viewer.status, 403);
    const missing = await operatorAdmin.request('PUT', '/api/v1/agencies/999999/policy', { requireTotp: false });
    assert.equal(missing.status, 404);
    const bad = await memberAdmin.request('PUT', `/api/v1/agencies/${member}/policy`, { requireTotp: 'yes' });
    assert.equal(bad.status, 400);
  });
});
