/**
 * The hash-set routes' scoped reads, on both dialects: which set records an agency sees (own,
 * shared with all, named), which sets' hashes it may export (also `hash_only` ones, record
 * hidden), what a partner key may export (`all` and `hash_only` only, never the record), and
 * that only the owner's terms change.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Actor } from '../../src/access/access-record.js';
import type { Role } from '../../src/domain/agency.record.js';
import type { HashSet } from '../../src/domain/hash-set.record.js';
import { CategoryRepository } from '../../src/storage/category.repository.js';
import { HashSetRepository } from '../../src/storage/hash-set.repository.js';
import { HashSetAdminRepository } from '../../src/storage/hash-set-admin.repository.js';
import { describeEachDialect } from './dialect-harness.js';
import { makeWorld, type World } from './records-fixtures.js';

describeEachDialect('hash-set admin repository', (suite) => {
  const repo = () => new HashSetAdminRepository(suite.database.db);
  let w: World;
  let sets: Record<'own' | 'closed' | 'named' | 'all' | 'hashOnly', HashSet>;
  const actor = (agencyId: number, roles: Role[]): Actor => ({ userId: null, agencyId, roles });
  const names = (found: readonly { id: number; name: string }[]) =>
    found.filter((s) => Object.values(sets).some((x) => x.id === s.id)).map((s) => s.name);

  before(async () => {
    w = await makeWorld(suite.database, 'hsa');
    const scheme = await new CategoryRepository(suite.database.db).findScheme('projectvic_us');
    const hashSets = new HashSetRepository(suite.database.db);
    const make = (agencyId: number, name: string, more: Partial<Parameters<HashSetRepository['create']>[0]> = {}) =>
      hashSets.create({ agencyId, name: `${name}-${w.a.id}`, source: 'test', ...more });
    sets = {
      own: await make(w.a.id, 'own', { schemeId: scheme?.id ?? null, terms: 'internal use' }),
      closed: await make(w.b.id, 'closed'),
      named: await make(w.b.id, 'named', { sharedWith: [w.a.id] }),
      all: await make(w.b.id, 'all', { sharing: 'all' }),
      hashOnly: await make(w.b.id, 'hash-only', { sharing: 'hash_only' }),
    };
  });

  test('an agency sees its own set records, those shared with all and those shared with it by name', async () => {
    const a = actor(w.a.id, ['analyst']);
    assert.deepEqual(names(await repo().listVisible(a)), [`own-${w.a.id}`, `named-${w.a.id}`, `all-${w.a.id}`]);
    const own = await repo().findVisible(a, sets.own.id);
    assert.deepEqual([own?.schemeCode, own?.terms, own?.knownGood], ['projectvic_us', 'internal use', false]);
    assert.equal(await repo().findVisible(a, sets.closed.id), null);
    assert.equal(await repo().findVisible(a, sets.hashOnly.id), null);
    assert.deepEqual(names(await repo().listVisible(actor(w.c.id, ['analyst']))), [`all-${w.a.id}`]);
    assert.deepEqual(names(await repo().listVisible(actor(w.a.id, ['partner']))), []);
  });

  test("a hash-only set's hashes may be exported without its record; a restricted one's not at all", async () => {
    const a = actor(w.a.id, ['analyst']);
    const exportOf = async (set: HashSet, who: Actor = a) => {
      const found = await repo().findForExport(who, set.id);
      return found ? found.recordVisible : 'none';
    };
    assert.deepEqual(
      [
        await exportOf(sets.own),
        await exportOf(sets.named),
        await exportOf(sets.all),
        await exportOf(sets.hashOnly),
        await exportOf(sets.closed),
      ],
      [true, true, true, false, 'none'],
    );
    assert.equal(await exportOf(sets.own, actor(w.a.id, ['viewer'])), 'none');
  });

  test('a partner key exports sets shared with all or hash-only, never a record, never a named share', async () => {
    const partner = actor(w.a.id, ['partner']);
    const found = await Promise.all(Object.values(sets).map((s) => repo().findForExport(partner, s.id)));
    assert.deepEqual(
      found.map((f) => (f ? [f.set.name, f.recordVisible] : null)),
      [null, null, null, [`all-${w.a.id}`, false], [`hash-only-${w.a.id}`, false]],
    );
  });

  test("terms change only on the owner's set", async () => {
    await repo().setTerms(sets.closed.id, w.a.id, 'taken over');
    await repo().setTerms(sets.own.id, w.a.id, 'new terms');
    const b = actor(w.b.id, ['analyst']);
    assert.equal((await repo().findVisible(b, sets.closed.id))?.terms, null);
    assert.equal((await repo().findVisible(actor(w.a.id, ['analyst']), sets.own.id))?.terms, 'new terms');
  });
});
