import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RecordKind } from '../../src/domain/link.record.js';
import { LinkRepository } from '../../src/storage/link.repository.js';
import { PersonRepository } from '../../src/storage/person.repository.js';
import { SeriesRepository } from '../../src/storage/series.repository.js';
import { describeEachDialect } from './dialect-harness.js';
import { isCode, makeWorld } from './records-fixtures.js';

describeEachDialect('link repository', (suite) => {
  const links = () => new LinkRepository(suite.database.db, () => 1_800_000_000_000);
  const setUp = async (tag: string) => {
    const w = await makeWorld(suite.database, tag);
    const s = await new SeriesRepository(suite.database.db).create({ agencyId: w.a.id, reference: tag, title: tag });
    const v = await new PersonRepository(suite.database.db).create({
      kind: 'victim',
      agencyId: w.a.id,
      reference: tag,
    });
    return { ...w, series: { kind: 'series' as const, id: s.id }, victim: { kind: 'victim' as const, id: v.id } };
  };

  test('links join records in both directions, per agency and relation', async () => {
    const w = await setUp('link-new');
    const m1 = { kind: 'media' as const, id: w.m1.id };
    const m2 = { kind: 'media' as const, id: w.m2.id };
    const member1 = await links().create({
      agencyId: w.a.id,
      from: m1,
      to: w.series,
      relation: 'member',
      createdBy: w.userA.id,
    });
    assert.deepEqual(member1, {
      id: member1.id,
      agencyId: w.a.id,
      from: m1,
      to: w.series,
      relation: 'member',
      createdBy: w.userA.id,
      createdAt: 1_800_000_000_000,
    });
    const member2 = await links().create({ agencyId: w.a.id, from: m2, to: w.series, relation: 'member' });
    assert.equal(member2.createdBy, null);
    const depicts = await links().create({ agencyId: w.a.id, from: w.series, to: w.victim, relation: 'depicts' });
    await links().create({ agencyId: w.b.id, from: m1, to: w.series, relation: 'member' });

    assert.deepEqual(
      (await links().listTo(w.series, w.a.id, 'member')).map((l) => l.from.id),
      [w.m1.id, w.m2.id],
    );
    assert.deepEqual(
      (await links().listFrom(w.series, w.a.id)).map((l) => l.id),
      [depicts.id],
    );
    assert.equal((await links().listTo(w.series, w.b.id)).length, 1, 'agency B sees only its own link');
    assert.deepEqual(await links().listTo(w.series, w.c.id), []);
  });

  test('the same link twice is a conflict; a missing end, agency or user is not-found', async () => {
    const w = await setUp('link-refuse');
    const m1 = { kind: 'media' as const, id: w.m1.id };
    await links().create({ agencyId: w.a.id, from: m1, to: w.series, relation: 'member' });
    await assert.rejects(
      links().create({ agencyId: w.a.id, from: m1, to: w.series, relation: 'member' }),
      isCode('conflict'),
    );
    await assert.rejects(
      links().create({ agencyId: w.a.id, from: { kind: 'place', id: 313_131 }, to: w.series, relation: 'x' }),
      isCode('not-found'),
    );
    await assert.rejects(
      links().create({ agencyId: w.a.id, from: m1, to: { kind: 'victim', id: w.series.id + 10_000 }, relation: 'x' }),
      isCode('not-found'),
    );
    await assert.rejects(
      links().create({ agencyId: 212_121, from: m1, to: w.series, relation: 'x' }),
      isCode('not-found'),
    );
    await assert.rejects(
      links().create({ agencyId: w.a.id, from: m1, to: w.series, relation: 'y', createdBy: 101_010 }),
      isCode('not-found'),
    );
    await assert.rejects(
      links().create({ agencyId: w.a.id, from: { kind: 'planet' as RecordKind, id: 1 }, to: w.series, relation: 'x' }),
      isCode('bad-usage'),
    );
    await assert.rejects(links().create({ agencyId: w.a.id, from: m1, to: m1, relation: 'self' }), isCode('bad-usage'));
  });

  test('an agency removes only its own links', async () => {
    const w = await setUp('link-remove');
    const l = await links().create({ agencyId: w.a.id, from: w.victim, to: w.series, relation: 'appears_in' });
    await assert.rejects(links().remove(l.id, w.b.id), isCode('not-found'));
    await links().remove(l.id, w.a.id);
    assert.deepEqual(await links().listFrom(w.victim, w.a.id), []);
    await assert.rejects(links().remove(l.id, w.a.id), isCode('not-found'));
  });
});
