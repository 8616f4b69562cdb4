import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PlaceRepository } from '../../src/storage/place.repository.js';
import { toAppError } from '../../src/storage/storage-errors.js';
import { describeEachDialect } from './dialect-harness.js';
import { isCode, makeWorld } from './records-fixtures.js';

describeEachDialect('place repository', (suite) => {
  const places = () => new PlaceRepository(suite.database.db, () => 1_790_000_000_000);

  test('places keep coordinates exactly and are read only by their agency', async () => {
    const w = await makeWorld(suite.database, 'place-new');
    const p = await places().createPlace({
      agencyId: w.a.id,
      name: 'Harbour front',
      countryCode: 'NO',
      latitude: 59.907_251_3,
      longitude: 10.738_112_9,
    });
    assert.equal(p.latitude, 59.907_251_3);
    assert.equal(p.longitude, 10.738_112_9);
    assert.equal(p.description, null);
    assert.deepEqual(await places().findPlace(p.id, w.a.id), p);
    assert.equal(await places().findPlace(p.id, w.b.id), null);
    assert.deepEqual(
      (await places().listPlaces(w.a.id)).map((x) => x.id),
      [p.id],
    );
    assert.deepEqual(await places().listPlaces(w.b.id), []);
    const bare = await places().createPlace({ agencyId: w.a.id, name: 'Unknown park' });
    assert.equal(bare.latitude, null);
  });

  test('out-of-range or half coordinates and bad country codes are refused', async () => {
    const w = await makeWorld(suite.database, 'place-check');
    const bad = [
      { latitude: 91, longitude: 0 },
      { latitude: 0, longitude: -180.5 },
      { latitude: 10, longitude: null },
      { countryCode: 'no' },
    ];
    for (const extra of bad) {
      await assert.rejects(places().createPlace({ agencyId: w.a.id, name: 'x', ...extra }), isCode('bad-usage'));
    }
    await assert.rejects(places().createPlace({ agencyId: 525_252, name: 'x' }), isCode('not-found'));
  });

  test('clues sit on a media, with or without a crop box, per agency', async () => {
    const w = await makeWorld(suite.database, 'clue-new');
    const crop = { x: 10, y: 20, w: 64, h: 32 };
    const logo = await places().createClue({
      agencyId: w.a.id,
      mediaId: w.m1.id,
      kind: 'logo',
      description: 'Shop sign',
      crop,
    });
    assert.deepEqual(logo.crop, crop);
    const sound = await places().createClue({ agencyId: w.a.id, mediaId: w.m1.id, kind: 'sound', description: 'Bell' });
    assert.equal(sound.crop, null);
    await places().createClue({ agencyId: w.b.id, mediaId: w.m1.id, kind: 'text', description: 'Poster' });
    assert.deepEqual(
      (await places().listClues(w.m1.id, w.a.id)).map((c) => c.id),
      [logo.id, sound.id],
    );
    assert.deepEqual(await places().findClue(logo.id, w.a.id), logo);
    assert.equal(await places().findClue(logo.id, w.b.id), null);
  });

  test('a clue on a missing media is not-found; a partial or empty crop is bad-usage', async () => {
    const w = await makeWorld(suite.database, 'clue-check');
    const base = { agencyId: w.a.id, mediaId: w.m1.id, kind: 'object' as const, description: 'Mug' };
    await assert.rejects(places().createClue({ ...base, mediaId: 414_141 }), isCode('not-found'));
    await assert.rejects(places().createClue({ ...base, crop: { x: 0, y: 0, w: 0, h: 5 } }), isCode('bad-usage'));
    await assert.rejects(places().createClue({ ...base, crop: { x: -1, y: 0, w: 5, h: 5 } }), isCode('bad-usage'));
    const partial = suite.database.db
      .insertInto('clues')
      .values({ agency_id: w.a.id, media_id: w.m1.id, kind: 'object', description: 'Mug', crop_x: 1, created_at: 0 })
      .execute();
    await assert.rejects(partial, (err: unknown) => /clues_crop_check/.test(toAppError(err, 'Adding a clue').message));
  });
});
