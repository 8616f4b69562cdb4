import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILT_IN_SCHEMES } from '../../src/domain/category.record.js';
import { CategoryRepository } from '../../src/storage/category.repository.js';
import { describeEachDialect } from './dialect-harness.js';
import { isCode } from './records-fixtures.js';

describeEachDialect('category repository', (suite) => {
  const categories = () => new CategoryRepository(suite.database.db, () => 1_820_000_000_000);

  test('the built-in schemes are seeded as data, with their values in order', async () => {
    const codes = (await categories().listSchemes()).map((s) => s.code);
    assert.deepEqual(codes.slice(0, 4), Object.values(BUILT_IN_SCHEMES));
    const vic = await categories().findScheme('projectvic_us');
    assert.ok(vic);
    assert.deepEqual(
      (await categories().listValues(vic.id)).map((v) => v.code),
      ['0', '1', '2', '3', '4'],
    );
    const caid = await categories().findScheme('uk_caid');
    assert.ok(caid);
    assert.deepEqual(
      (await categories().listValues(caid.id)).map((v) => v.code),
      ['A', 'B', 'C'],
    );
    const baseline = await categories().findValue('baseline', 'baseline');
    assert.equal(baseline?.label, 'Baseline');
    assert.equal(await categories().findValue('uk_caid', 'D'), null);
  });

  test('seeded mappings read both ways', async () => {
    const a = await categories().findValue('uk_caid', 'A');
    const vic1 = await categories().findValue('projectvic_us', '1');
    const baseline = await categories().findValue('baseline', 'baseline');
    assert.ok(a && vic1 && baseline);
    assert.deepEqual(await categories().mapped(a.id), [{ value: vic1, relation: 'narrower' }]);
    const wider = await categories().mapped(vic1.id);
    assert.deepEqual(
      wider.map((m) => [m.value.code, m.relation]),
      [
        ['A', 'broader'],
        ['B', 'broader'],
        ['C', 'broader'],
        ['baseline', 'broader'],
        // Migration 0008: legacy DHS 1 and 2 lie within Project VIC 1.
        ['1', 'broader'],
        ['2', 'broader'],
      ],
    );
  });

  test('an installation adds its own scheme, values and mappings; duplicates and dangling ids are refused', async () => {
    const scheme = await categories().createScheme({ code: 'local_test', name: 'Local test scheme' });
    assert.equal(scheme.createdAt, 1_820_000_000_000);
    await assert.rejects(categories().createScheme({ code: 'local_test', name: 'Again' }), isCode('conflict'));
    const high = await categories().addValue({ schemeId: scheme.id, code: 'high', label: 'High', rank: 0 });
    const low = await categories().addValue({ schemeId: scheme.id, code: 'low', label: 'Low', rank: 1 });
    await assert.rejects(
      categories().addValue({ schemeId: scheme.id, code: 'high', label: 'x', rank: 2 }),
      isCode('conflict'),
    );
    await assert.rejects(
      categories().addValue({ schemeId: 999_999, code: 'x', label: 'x', rank: 0 }),
      isCode('not-found'),
    );
    const vic1 = await categories().findValue('projectvic_us', '1');
    assert.ok(vic1);
    await categories().addMapping({ fromValueId: high.id, toValueId: vic1.id, relation: 'equivalent' });
    await assert.rejects(
      categories().addMapping({ fromValueId: high.id, toValueId: vic1.id, relation: 'narrower' }),
      isCode('conflict'),
    );
    await assert.rejects(
      categories().addMapping({ fromValueId: low.id, toValueId: 999_999, relation: 'narrower' }),
      isCode('not-found'),
    );
    await assert.rejects(
      categories().addMapping({ fromValueId: low.id, toValueId: low.id, relation: 'equivalent' }),
      isCode('bad-usage'),
    );
    assert.deepEqual(await categories().mapped(high.id), [{ value: vic1, relation: 'equivalent' }]);
  });
});
