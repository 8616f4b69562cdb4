/**
 * The case list and case page reads, on both dialects: only cases and exhibits in the caller's
 * scope, newest first in keyset pages, filtered by status and by words (wildcards taken
 * literally), with exhibit, sighting and distinct media counts.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Actor } from '../../src/access/access-record.js';
import { scopeWhere } from '../../src/access/scope-query.js';
import type { Case, Exhibit } from '../../src/domain/case.record.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { type CaseFilter, CaseListRepository } from '../../src/storage/case-list.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { describeEachDialect } from './dialect-harness.js';
import { makeWorld, type World } from './records-fixtures.js';

describeEachDialect('case list repository', (suite) => {
  const repo = () => new CaseListRepository(suite.database.db);
  let w: World;
  let asA: Actor;
  let cases: Case[];
  let disk: Exhibit;
  let phone: Exhibit;
  let foreign: Case;

  before(async () => {
    const { db, dialect } = suite.database;
    w = await makeWorld(suite.database, 'clist');
    asA = { userId: w.userA.id, agencyId: w.a.id, roles: ['viewer'] };
    const repoCases = new CaseRepository(db);
    const make = (reference: string, title: string) => repoCases.createCase({ agencyId: w.a.id, reference, title });
    cases = [
      w.caseA,
      await make(`OP-500-${w.a.id}`, 'Harbour'),
      await make(`OP-50%-${w.a.id}`, 'Literal percent'),
      await make(`OP-X_Y-${w.a.id}`, 'Underscore'),
    ];
    await repoCases.closeCase(cases[1]?.id as number);
    foreign = await repoCases.createCase({ agencyId: w.b.id, reference: `OP-500-B-${w.b.id}`, title: 'Harbour' });
    disk = await repoCases.createExhibit({ caseId: w.caseA.id, label: 'disk' });
    phone = await repoCases.createExhibit({ caseId: w.caseA.id, label: 'phone' });
    const media = new MediaRepository(db, dialect);
    await media.addSighting({ mediaId: w.m1.id, exhibitId: disk.id, path: 'a.png' });
    await media.addSighting({ mediaId: w.m1.id, exhibitId: phone.id, path: 'b.png' });
    await media.addSighting({ mediaId: w.m2.id, exhibitId: phone.id, path: 'c.png' });
  });

  const refs = async (filter: Partial<CaseFilter>, actor: Actor = asA) =>
    (await repo().page(scopeWhere(actor, 'read', 'case'), { before: null, limit: 10, ...filter })).map(
      (c) => c.reference,
    );

  test("a page holds the agency's own cases only, newest first, one extra to say there is more", async () => {
    const all = cases.map((c) => c.reference).reverse();
    assert.deepEqual(await refs({}), all);
    assert.deepEqual(await refs({ limit: 1 }), all.slice(0, 2));
    assert.deepEqual(await refs({ before: cases[2]?.id as number }), all.slice(2));
    assert.equal((await refs({}, { ...asA, agencyId: w.b.id })).includes(foreign.reference), true);
    assert.deepEqual(await refs({}, { ...asA, roles: ['partner'] }), []);
  });

  test('status and words filter the page; LIKE wildcards in the words are taken literally', async () => {
    assert.deepEqual(await refs({ status: 'closed' }), [cases[1]?.reference]);
    assert.equal((await refs({ status: 'open' })).includes(cases[1]?.reference as string), false);
    assert.deepEqual(await refs({ search: 'harbour' }), [cases[1]?.reference]);
    assert.deepEqual(await refs({ search: '50%' }), [cases[2]?.reference]);
    assert.deepEqual(await refs({ search: 'x_y' }), [cases[3]?.reference]);
    assert.deepEqual(await refs({ search: '_' }), [cases[3]?.reference]);
  });

  test('a case and an exhibit are found within scope only, with their counts', async () => {
    const found = await repo().find(scopeWhere(asA, 'read', 'case'), w.caseA.id);
    assert.deepEqual([found?.reference, found?.exhibits], [w.caseA.reference, 2]);
    assert.equal(await repo().find(scopeWhere(asA, 'read', 'case'), foreign.id), null);
    assert.equal(await repo().mediaCount(w.caseA.id), 2);
    assert.deepEqual(
      (await repo().exhibits(w.caseA.id)).map((e) => [e.label, e.sightings, e.scanResults]),
      [
        ['disk', 1, 0],
        ['phone', 2, 0],
      ],
    );
    assert.equal((await repo().findExhibit(scopeWhere(asA, 'read', 'exhibit'), disk.id))?.label, 'disk');
    const asB: Actor = { userId: w.userB.id, agencyId: w.b.id, roles: ['admin'] };
    assert.equal(await repo().findExhibit(scopeWhere(asB, 'read', 'exhibit'), disk.id), null);
  });

  test('an update changes only what it is given', async () => {
    const target = cases[3] as Case;
    await repo().update(target.id, { title: 'Renamed' });
    await repo().update(target.id, {});
    let found = await repo().find(scopeWhere(asA, 'read', 'case'), target.id);
    assert.deepEqual([found?.title, found?.closedAt], ['Renamed', null]);
    await repo().update(target.id, { closedAt: 77 });
    found = await repo().find(scopeWhere(asA, 'read', 'case'), target.id);
    assert.deepEqual([found?.title, Number(found?.closedAt)], ['Renamed', 77]);
  });
});
