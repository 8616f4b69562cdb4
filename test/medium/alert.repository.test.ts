import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlertRepository } from '../../src/storage/alert.repository.js';
import { MatchRepository } from '../../src/storage/match.repository.js';
import { describeEachDialect } from './dialect-harness.js';
import { isCode, makeWorld } from './records-fixtures.js';

describeEachDialect('alert repository', (suite) => {
  let clock = 1_850_000_000_000;
  const alerts = () => new AlertRepository(suite.database.db, () => ++clock);

  test('alerts go to one agency, newest first, read or unread', async () => {
    const w = await makeWorld(suite.database, 'alert-new');
    const match = await new MatchRepository(suite.database.db, suite.dialect).create({
      agencyId: w.a.id,
      mediaId: w.m1.id,
      target: { otherMediaId: w.m2.id },
      kind: 'exact',
    });
    const first = await alerts().create({
      agencyId: w.a.id,
      about: { kind: 'media', id: w.m1.id },
      reason: 'series_match',
      matchId: match.id,
    });
    assert.equal(first.matchId, match.id);
    assert.equal(first.readAt, null);
    const second = await alerts().create({
      agencyId: w.a.id,
      about: { kind: 'media', id: w.m2.id },
      reason: 'camera_serial',
    });
    await alerts().create({ agencyId: w.b.id, about: { kind: 'media', id: w.m2.id }, reason: 'hash_set_match' });

    assert.deepEqual(
      (await alerts().list(w.a.id)).map((a) => a.id),
      [second.id, first.id],
    );
    assert.equal(await alerts().countUnread(w.a.id), 2);
    assert.equal(await alerts().countUnread(w.c.id), 0);

    const read = await alerts().markRead(first.id, w.a.id, w.userA.id, 42);
    assert.deepEqual([read.readAt, read.readBy], [42, w.userA.id]);
    const again = await alerts().markRead(first.id, w.a.id, w.userA.id, 99);
    assert.equal(again.readAt, 42, 'the first reading is kept');
    assert.deepEqual(
      (await alerts().list(w.a.id, { unreadOnly: true })).map((a) => a.id),
      [second.id],
    );
    assert.equal(await alerts().countUnread(w.a.id), 1);
  });

  test('an agency cannot read or mark another agency alerts; missing references are refused', async () => {
    const w = await makeWorld(suite.database, 'alert-scope');
    const alert = await alerts().create({
      agencyId: w.a.id,
      about: { kind: 'media', id: w.m1.id },
      reason: 'series_match',
    });
    await assert.rejects(alerts().markRead(alert.id, w.b.id, w.userB.id), isCode('not-found'));
    assert.equal(await alerts().countUnread(w.a.id), 1);
    assert.ok(!(await alerts().list(w.b.id)).some((a) => a.id === alert.id));
    await assert.rejects(alerts().markRead(alert.id, w.a.id, 363_636), isCode('not-found'));
    await assert.rejects(
      alerts().create({ agencyId: 363_636, about: { kind: 'media', id: w.m1.id }, reason: 'series_match' }),
      isCode('not-found'),
    );
    await assert.rejects(
      alerts().create({
        agencyId: w.a.id,
        about: { kind: 'media', id: w.m1.id },
        reason: 'series_match',
        matchId: 363_636,
      }),
      isCode('not-found'),
    );
  });
});
