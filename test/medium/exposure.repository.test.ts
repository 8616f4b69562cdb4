/**
 * A user's exposure (material looked at in the clear) from the audit log, on both dialects: only
 * that user's `view-content` events on media since the time asked, distinct items and all reveals.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { AuditRepository } from '../../src/storage/audit.repository.js';
import { ExposureRepository } from '../../src/storage/exposure.repository.js';
import { describeEachDialect } from './dialect-harness.js';
import { makeWorld, type World } from './records-fixtures.js';

describeEachDialect('exposure repository', (suite) => {
  const repo = () => new ExposureRepository(suite.database.db);
  let w: World;

  before(async () => {
    w = await makeWorld(suite.database, 'exposure');
    let clock = 0;
    const audit = new AuditRepository(suite.dialect, () => clock);
    const event = (at: number, user: 'a' | 'b', action: string, kind: string, id: number) => {
      clock = at;
      const actor = user === 'a' ? { userId: w.userA.id, agencyId: w.a.id } : { userId: w.userB.id, agencyId: w.b.id };
      return suite.database.db
        .transaction()
        .execute((trx) => audit.append(trx, { actor, action, record: { kind, id, agencyId: null } }));
    };
    await event(100, 'a', 'view-content', 'media', w.m1.id);
    await event(200, 'a', 'view-content', 'media', w.m1.id);
    await event(250, 'b', 'view-content', 'media', w.m1.id);
    await event(300, 'a', 'view-content', 'media', w.m1.id);
    await event(350, 'a', 'view', 'media', w.m2.id);
    await event(360, 'a', 'view-content', 'series', w.m2.id);
    await event(400, 'a', 'view-content', 'media', w.m2.id);
  });

  test("counts the user's reveals of media since the time asked, and the distinct items among them", async () => {
    assert.deepEqual(await repo().since(w.userA.id, 0), { items: 2, reveals: 4 });
    assert.deepEqual(await repo().since(w.userA.id, 150), { items: 2, reveals: 3 });
    assert.deepEqual(await repo().since(w.userA.id, 300), { items: 2, reveals: 2 });
    assert.deepEqual(await repo().since(w.userA.id, 301), { items: 1, reveals: 1 });
  });

  test('other users, other actions, other record kinds and a period with no events count nothing', async () => {
    assert.deepEqual(await repo().since(w.userB.id, 0), { items: 1, reveals: 1 });
    assert.deepEqual(await repo().since(w.userC.id, 0), { items: 0, reveals: 0 });
    assert.deepEqual(await repo().since(w.userA.id, 401), { items: 0, reveals: 0 });
  });
});
