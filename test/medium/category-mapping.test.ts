import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CategoryMapper } from '../../src/services/category-mapping.js';
import { CategoryRepository } from '../../src/storage/category.repository.js';
import { describeEachDialect } from './dialect-harness.js';

describeEachDialect('category mapping service', (suite) => {
  const mapper = () => CategoryMapper.load(new CategoryRepository(suite.database.db));

  /** `scheme/code` mapped to `toScheme`: the code, or the failure's code. */
  async function mapped(m: CategoryMapper, from: string, toScheme: string): Promise<string> {
    const [scheme, code] = from.split('/') as [string, string];
    const found = m.find(scheme, code);
    if (!found.ok) return found.code;
    const r = m.map(found.value.id, toScheme);
    return r.ok ? `${r.value.code}${r.exact ? '' : ' (within)'}` : r.code;
  }

  test('legacy DHS 0–5 is seeded and maps to Project VIC through the mapping rows', async () => {
    const m = await mapper();
    assert.ok(m.scheme('dhs_legacy'));
    const table = await Promise.all(
      ['0', '1', '2', '3', '4', '5'].map((c) => mapped(m, `dhs_legacy/${c}`, 'projectvic_us')),
    );
    assert.deepEqual(table, ['unmapped-category', '1 (within)', '1 (within)', '2', '0 (within)', '0 (within)']);
  });

  test('what cannot be mapped is reported, never guessed', async () => {
    const m = await mapper();
    assert.equal(await mapped(m, 'projectvic_us/2', 'dhs_legacy'), '3');
    // Project VIC 1 holds DHS 1 and DHS 2: no single DHS value holds it.
    assert.equal(await mapped(m, 'projectvic_us/1', 'dhs_legacy'), 'unmapped-category');
    assert.equal(await mapped(m, 'projectvic_us/3', 'dhs_legacy'), 'unmapped-category');
    assert.equal(await mapped(m, 'projectvic_us/1', 'uk_caid'), 'unmapped-category');
    assert.equal(await mapped(m, 'projectvic_us/1', 'baseline'), 'unmapped-category');
    assert.equal(await mapped(m, 'uk_caid/a', 'projectvic_us'), '1 (within)');
    assert.equal(await mapped(m, 'baseline/baseline', 'projectvic_us'), '1 (within)');
    assert.equal(await mapped(m, 'uk_caid/D', 'projectvic_us'), 'unknown-category');
    const r = m.map((m.find('projectvic_us', '1') as { ok: true; value: { id: number } }).value.id, 'dhs_legacy');
    assert.ok(!r.ok && /narrower dhs_legacy 1, 2 map into it/.test(r.reason), JSON.stringify(r));
  });

  test('steps compose, and the narrowest of several holding values is chosen', async () => {
    const repo = new CategoryRepository(suite.database.db);
    const s = await repo.createScheme({ code: 'mapping_test', name: 'Mapping test' });
    const fine = await repo.addValue({ schemeId: s.id, code: 'fine', label: 'Fine', rank: 0 });
    const caidA = await repo.findValue('uk_caid', 'A');
    assert.ok(caidA);
    // mapping_test/fine = CAID A, so it lies within VIC 1 (two steps) and within DHS nothing.
    await repo.addMapping({ fromValueId: fine.id, toValueId: caidA.id, relation: 'equivalent' });
    const m = await mapper();
    assert.equal(await mapped(m, 'mapping_test/fine', 'uk_caid'), 'A');
    assert.equal(await mapped(m, 'uk_caid/A', 'mapping_test'), 'fine');
    assert.equal(await mapped(m, 'mapping_test/fine', 'projectvic_us'), '1 (within)');
    const coarse = await repo.addValue({ schemeId: s.id, code: 'coarse', label: 'Coarse', rank: 1 });
    await repo.addMapping({ fromValueId: caidA.id, toValueId: coarse.id, relation: 'narrower' });
    // CAID B lies within nothing of mapping_test; CAID A is `fine` exactly, not `coarse`.
    assert.equal(await mapped(m, 'uk_caid/B', 'mapping_test'), 'unmapped-category');
    const again = await mapper();
    assert.equal(await mapped(again, 'uk_caid/A', 'mapping_test'), 'fine');
    const vic1 = await repo.findValue('projectvic_us', '1');
    assert.ok(vic1);
    const wide = await repo.addValue({ schemeId: s.id, code: 'wide', label: 'Wide', rank: 2 });
    await repo.addMapping({ fromValueId: vic1.id, toValueId: wide.id, relation: 'narrower' });
    await repo.addMapping({ fromValueId: coarse.id, toValueId: wide.id, relation: 'narrower' });
    // CAID B lies within VIC 1, so within `wide`; CAID C likewise.
    assert.equal(await mapped(await mapper(), 'uk_caid/B', 'mapping_test'), 'wide (within)');
  });
});
