import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../src/domain/app-error.js';
import { AgencyRepository } from '../../src/storage/agency.repository.js';
import { describeEachDialect } from './dialect-harness.js';

const isCode = (code: Parameters<typeof AppError.is>[1]) => (err: unknown) => {
  assert.ok(AppError.is(err, code), `expected AppError ${code}, got ${String(err)}`);
  return true;
};

describeEachDialect('agency repository', (suite) => {
  const repo = () => new AgencyRepository(suite.database.db, () => 1_700_000_000_000);

  test('adds and finds agencies, ids and times as numbers', async () => {
    const a = await repo().create({ countryCode: 'NL', name: 'Unit A' });
    assert.equal(typeof a.id, 'number');
    assert.deepEqual(a, { id: a.id, countryCode: 'NL', name: 'Unit A', createdAt: 1_700_000_000_000 });
    assert.deepEqual(await repo().findById(a.id), a);
    assert.equal(await repo().findById(a.id + 1000), null);
    assert.ok((await repo().list()).some((x) => x.id === a.id));
  });

  test('the same name in the same country is a conflict; in another country it is not', async () => {
    await repo().create({ countryCode: 'BE', name: 'Unit B' });
    await assert.rejects(repo().create({ countryCode: 'BE', name: 'Unit B' }), isCode('conflict'));
    await repo().create({ countryCode: 'FR', name: 'Unit B' });
  });

  test('a country code that is not two upper-case letters is refused with a typed error', async () => {
    for (const countryCode of ['nl', 'NLD', 'N1', '']) {
      await assert.rejects(repo().create({ countryCode, name: `bad ${countryCode}` }), isCode('bad-usage'));
    }
  });

  test('users carry their agency and roles; usernames are unique', async () => {
    const agency = await repo().create({ countryCode: 'DE', name: 'Unit C' });
    const user = await repo().createUser({
      agencyId: agency.id,
      username: 'analyst.one',
      displayName: 'Analyst One',
      roles: ['viewer', 'analyst', 'viewer'],
    });
    assert.deepEqual(user.roles, ['analyst', 'viewer']);
    assert.deepEqual(await repo().findUserById(user.id), user);
    assert.deepEqual(await repo().findUserByUsername('analyst.one'), user);
    assert.equal(await repo().findUserByUsername('nobody'), null);
    await assert.rejects(
      repo().createUser({ agencyId: agency.id, username: 'analyst.one', displayName: 'Again', roles: [] }),
      isCode('conflict'),
    );
    await repo().setUserRoles(user.id, ['auditor']);
    assert.deepEqual((await repo().findUserById(user.id))?.roles, ['auditor']);
    const second = await repo().createUser({
      agencyId: agency.id,
      username: 'viewer.two',
      displayName: 'V',
      roles: [],
    });
    assert.deepEqual(
      (await repo().listUsers(agency.id)).map((u) => [u.username, u.roles]),
      [
        ['analyst.one', ['auditor']],
        [second.username, []],
      ],
    );
  });

  test('a user of an agency that does not exist is not-found, and leaves no row', async () => {
    await assert.rejects(
      repo().createUser({ agencyId: 999_999, username: 'ghost', displayName: 'G', roles: ['viewer'] }),
      isCode('not-found'),
    );
    assert.equal(await repo().findUserByUsername('ghost'), null);
  });
});
