import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMPTY_METADATA } from '../../src/media/media-metadata.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { MediaMetadataRepository, type StoredMediaMetadata } from '../../src/storage/media-metadata.repository.js';
import { fakeMediaRange } from '../support/fake-media.js';
import { describeEachDialect } from './dialect-harness.js';

const FULL: StoredMediaMetadata = {
  cameraMake: 'Vigil Test',
  cameraModel: 'Pattern Cam 1',
  cameraSerial: 'SN-000123',
  lensModel: 'Test Lens 35mm',
  lensSerial: 'LS-987',
  capturedAt: {
    local: '2024-05-01T12:34:56.250',
    offsetMinutes: 120,
    epochMs: Date.parse('2024-05-01T10:34:56.250Z'),
    source: 'EXIF:DateTimeOriginal',
  },
  gps: { latitude: -33.85875, longitude: 151.208333333333, altitudeM: -58.5 },
  software: 'vigil-fixtures 1.0',
  orientation: 6,
};

describeEachDialect('media metadata repository', (suite) => {
  const repo = () => new MediaMetadataRepository(suite.database.db, () => 1_750_000_000_000);
  const media = () => new MediaRepository(suite.database.db, suite.dialect, () => 1_750_000_000_000);

  test('stores every field and reads it back exactly; the serial is searchable', async () => {
    const [a, b] = await media().insertMany(fakeMediaRange(0, 2, 'metadata'));
    await repo().set(a.mediaId, FULL);
    assert.deepEqual(await repo().get(a.mediaId), FULL);
    assert.deepEqual(
      (await media().findByCameraSerial('SN-000123')).map((m) => m.id),
      [a.mediaId],
    );
    assert.equal(await repo().get(b.mediaId), null);
  });

  test('a capture time without zone keeps no instant; set replaces the whole row', async () => {
    const [a] = await media().insertMany(fakeMediaRange(0, 1, 'metadata-replace'));
    const noZone = {
      ...FULL,
      cameraSerial: 'SN-REPLACED',
      capturedAt: { local: '2017-11-07T22:14:15', offsetMinutes: null, epochMs: null, source: 'EXIF:DateTimeOriginal' },
    };
    await repo().set(a.mediaId, noZone);
    assert.deepEqual(await repo().get(a.mediaId), noZone);
    assert.deepEqual(
      (await media().findByCameraSerial('SN-REPLACED')).map((m) => m.id),
      [a.mediaId],
    );
    const { width: _w, height: _h, ...empty } = EMPTY_METADATA;
    await repo().set(a.mediaId, empty);
    assert.deepEqual(await repo().get(a.mediaId), empty);
    assert.deepEqual(await media().findByCameraSerial('SN-REPLACED'), []);
  });
});
