import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PersonRepository } from '../../src/storage/person.repository.js';
import { toAppError } from '../../src/storage/storage-errors.js';
import { describeEachDialect } from './dialect-harness.js';
import { isCode, makeWorld } from './records-fixtures.js';

describeEachDialect('person repository', (suite) => {
  const people = () => new PersonRepository(suite.database.db, () => 1_770_000_000_000);

  test('victims and offenders are separate records with references unique per agency and kind', async () => {
    const w = await makeWorld(suite.database, 'people-new');
    const v = await people().create({ kind: 'victim', agencyId: w.a.id, reference: 'V-1' });
    assert.deepEqual(v, {
      id: v.id,
      kind: 'victim',
      agencyId: w.a.id,
      reference: 'V-1',
      identifiedAt: null,
      identifiedByAgencyId: null,
      createdAt: 1_770_000_000_000,
    });
    const o = await people().create({ kind: 'offender', agencyId: w.a.id, reference: 'V-1' });
    assert.equal(o.kind, 'offender');
    await assert.rejects(people().create({ kind: 'victim', agencyId: w.a.id, reference: 'V-1' }), isCode('conflict'));
    await people().create({ kind: 'victim', agencyId: w.b.id, reference: 'V-1' });
    assert.deepEqual(
      (await people().list('victim', w.a.id)).map((p) => p.id),
      [v.id],
    );
    assert.deepEqual(
      (await people().list('offender', w.a.id)).map((p) => p.id),
      [o.id],
    );
    await assert.rejects(people().create({ kind: 'offender', agencyId: 737_373, reference: 'x' }), isCode('not-found'));
  });

  test('another agency cannot read or change a person record', async () => {
    const w = await makeWorld(suite.database, 'people-scope');
    const v = await people().create({ kind: 'victim', agencyId: w.a.id, reference: 'V-2' });
    assert.deepEqual(await people().find('victim', v.id, w.a.id), v);
    assert.equal(await people().find('victim', v.id, w.b.id), null);
    assert.equal(await people().find('offender', v.id, w.a.id), null, 'a victim id is not an offender id');
    await assert.rejects(
      people().setIdentified('victim', v.id, w.b.id, { byAgencyId: w.b.id, at: 1 }),
      isCode('not-found'),
    );
  });

  test('identification records the identifying agency and time, and can be withdrawn', async () => {
    const w = await makeWorld(suite.database, 'people-identify');
    const v = await people().create({ kind: 'victim', agencyId: w.a.id, reference: 'V-3' });
    const identified = await people().setIdentified('victim', v.id, w.a.id, {
      byAgencyId: w.c.id,
      at: 1_780_000_000_000,
    });
    assert.equal(identified.identifiedByAgencyId, w.c.id);
    assert.equal(identified.identifiedAt, 1_780_000_000_000);
    await assert.rejects(
      people().setIdentified('victim', v.id, w.a.id, { byAgencyId: 646_464, at: 1 }),
      isCode('not-found'),
    );
    const cleared = await people().setIdentified('victim', v.id, w.a.id, null);
    assert.equal(cleared.identifiedAt, null);
    assert.equal(cleared.identifiedByAgencyId, null);
  });

  test('the schema refuses an identification without its agency', async () => {
    const w = await makeWorld(suite.database, 'people-check');
    const insert = people()
      .create({ kind: 'victim', agencyId: w.a.id, reference: 'V-4' })
      .then((v) => suite.database.db.updateTable('victims').set({ identified_at: 5 }).where('id', '=', v.id).execute());
    await assert.rejects(insert, (err: unknown) => {
      const e = toAppError(err, 'Identifying');
      return e.code === 'bad-usage' && /victims_identified_check/.test(e.message);
    });
  });
});
