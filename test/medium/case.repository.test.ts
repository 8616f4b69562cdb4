import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../src/domain/app-error.js';
import { AgencyRepository } from '../../src/storage/agency.repository.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { toAppError } from '../../src/storage/storage-errors.js';
import { describeEachDialect } from './dialect-harness.js';

const isCode = (code: Parameters<typeof AppError.is>[1]) => (err: unknown) => {
  assert.ok(AppError.is(err, code), `expected AppError ${code}, got ${String(err)}`);
  return true;
};

describeEachDialect('case repository', (suite) => {
  const cases = () => new CaseRepository(suite.database.db);
  const agencies = () => new AgencyRepository(suite.database.db);

  test('cases belong to an agency; references are unique within it only', async () => {
    const a = await agencies().create({ countryCode: 'NL', name: 'Unit A' });
    const b = await agencies().create({ countryCode: 'SE', name: 'Unit B' });
    const c1 = await cases().createCase({ agencyId: a.id, reference: '2026-001', title: 'Operation One' });
    assert.equal(c1.agencyId, a.id);
    assert.equal(c1.closedAt, null);
    assert.deepEqual(await cases().findCase(c1.id), c1);
    await assert.rejects(
      cases().createCase({ agencyId: a.id, reference: '2026-001', title: 'Again' }),
      isCode('conflict'),
    );
    const c2 = await cases().createCase({ agencyId: b.id, reference: '2026-001', title: 'Same number elsewhere' });
    assert.deepEqual(
      (await cases().listCases(a.id)).map((c) => c.id),
      [c1.id],
    );
    assert.deepEqual(
      (await cases().listCases(b.id)).map((c) => c.id),
      [c2.id],
    );
    await assert.rejects(cases().createCase({ agencyId: 424_242, reference: 'x', title: 'x' }), isCode('not-found'));
  });

  test('exhibits take their case agency; labels are unique within a case', async () => {
    const a = await agencies().create({ countryCode: 'NO', name: 'Unit E' });
    const c = await cases().createCase({ agencyId: a.id, reference: 'E-1', title: 'Exhibits' });
    const laptop = await cases().createExhibit({ caseId: c.id, label: 'laptop-1', kind: 'device' });
    assert.equal(laptop.agencyId, a.id);
    assert.equal(laptop.caseId, c.id);
    assert.deepEqual(await cases().findExhibit(laptop.id), laptop);
    const usb = await cases().createExhibit({ caseId: c.id, label: 'usb-1' });
    assert.equal(usb.kind, null);
    assert.deepEqual(
      (await cases().listExhibits(c.id)).map((e) => e.label),
      ['laptop-1', 'usb-1'],
    );
    await assert.rejects(cases().createExhibit({ caseId: c.id, label: 'laptop-1' }), isCode('conflict'));
    await assert.rejects(cases().createExhibit({ caseId: 777_777, label: 'x' }), isCode('not-found'));
  });

  test('the schema itself refuses an exhibit whose agency differs from its case', async () => {
    const a = await agencies().create({ countryCode: 'DK', name: 'Owner' });
    const other = await agencies().create({ countryCode: 'DK', name: 'Other' });
    const c = await cases().createCase({ agencyId: a.id, reference: 'X-1', title: 'Pinned' });
    const insert = suite.database.db
      .insertInto('exhibits')
      .values({ case_id: c.id, agency_id: other.id, label: 'sneaky', kind: null, created_at: 0 })
      .execute();
    // A foreign-key violation, whichever dialect.
    await assert.rejects(insert, (err: unknown) => toAppError(err, 'Adding an exhibit').code === 'not-found');
  });

  test('closing a case sets closedAt; an unknown case is not-found', async () => {
    const a = await agencies().create({ countryCode: 'FI', name: 'Unit F' });
    const c = await cases().createCase({ agencyId: a.id, reference: 'F-1', title: 'To close' });
    const closed = await cases().closeCase(c.id, 1_800_000_000_000);
    assert.equal(closed.closedAt, 1_800_000_000_000);
    await assert.rejects(cases().closeCase(555_555), isCode('not-found'));
  });
});
