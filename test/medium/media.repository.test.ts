import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../src/domain/app-error.js';
import { AgencyRepository } from '../../src/storage/agency.repository.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { fakeMedia, fakeMediaRange } from '../support/fake-media.js';
import { describeEachDialect } from './dialect-harness.js';

const isCode = (code: Parameters<typeof AppError.is>[1]) => (err: unknown) => {
  assert.ok(AppError.is(err, code), `expected AppError ${code}, got ${String(err)}`);
  return true;
};

describeEachDialect('media repository', (suite) => {
  const media = () => new MediaRepository(suite.database.db, suite.dialect, () => 1_750_000_000_000);

  test('inserts a media and finds it by each hash', async () => {
    const { signals: _, ...input } = fakeMedia(1, 'single');
    const m = await media().insert({ ...input, durationMs: 12_345 });
    assert.equal(typeof m.id, 'number');
    assert.deepEqual(m, {
      id: m.id,
      ...input,
      durationMs: 12_345,
      createdAt: 1_750_000_000_000,
    });
    assert.deepEqual(await media().findById(m.id), m);
    assert.deepEqual(await media().findBySha256(input.sha256), m);
    assert.deepEqual(await media().findByMd5(input.md5), [m]);
    assert.deepEqual(await media().findBySha1(input.sha1), [m]);
    assert.equal(await media().findBySha256(fakeMedia(2, 'single').sha256), null);
    assert.deepEqual(await media().findByMd5(fakeMedia(2, 'single').md5), []);
  });

  test('a second media with the same SHA-256 is a conflict', async () => {
    const { signals: _, ...input } = fakeMedia(1, 'conflict');
    await media().insert(input);
    await assert.rejects(media().insert({ ...input, size: 1 }), (err: unknown) => {
      isCode('conflict')(err);
      assert.equal((err as AppError).status, 409);
      assert.match((err as AppError).message, /sha256/);
      return true;
    });
  });

  test('a hash that is not lower-case hex of the right length is refused with a typed error', async () => {
    const { signals: _, ...good } = fakeMedia(1, 'badhex');
    for (const bad of [
      { ...good, sha256: good.sha256.toUpperCase() },
      { ...good, md5: good.md5.slice(1) },
      { ...good, sha1: `${good.sha1.slice(0, 39)}g` },
    ]) {
      await assert.rejects(media().insert(bad), isCode('invalid-signal'));
    }
    assert.equal(await media().findBySha256(good.sha256), null);
  });

  test('signals: added once, found by type and value', async () => {
    const item = fakeMedia(1, 'signals');
    const { signals, ...input } = item;
    const m = await media().insert(input);
    assert.equal(await media().addSignals(m.id, signals ?? []), 3);
    assert.equal(await media().addSignals(m.id, signals ?? []), 0);
    const listed = await media().listSignals(m.id);
    assert.deepEqual(
      listed.map((s) => [s.type, s.value, s.quality]),
      (signals ?? []).map((s) => [s.type, s.value, s.quality]),
    );
    const hits = await media().findBySignal('pdq', signals?.[1].value ?? '');
    assert.equal(hits.length, 1);
    assert.deepEqual(hits[0].media, m);
    assert.deepEqual(hits[0].signal, listed[1]);
    assert.deepEqual(await media().findBySignal('vpdq', signals?.[1].value ?? ''), []);
    await assert.rejects(media().addSignals(987_654, [{ type: 'pdq', value: 'ab' }]), isCode('not-found'));
  });

  test('camera serial: set, replaced, and looked up', async () => {
    const [a, b, c] = await media().insertMany(fakeMediaRange(0, 3, 'camera'));
    await media().setCamera(a.mediaId, { make: 'Acme', model: 'X1', serial: 'SN-0001', takenAt: 1_600_000_000_000 });
    await media().setCamera(b.mediaId, { make: 'Acme', model: 'X1', serial: 'SN-0002', takenAt: null });
    await media().setCamera(b.mediaId, { make: 'Acme', model: 'X1', serial: 'SN-0001', takenAt: null });
    await media().setCamera(c.mediaId, { make: null, model: null, serial: null, takenAt: null });
    assert.deepEqual(
      (await media().findByCameraSerial('SN-0001')).map((m) => m.id),
      [a.mediaId, b.mediaId],
    );
    assert.deepEqual(await media().findByCameraSerial('SN-0002'), []);
    assert.deepEqual(await media().getCamera(a.mediaId), {
      make: 'Acme',
      model: 'X1',
      serial: 'SN-0001',
      takenAt: 1_600_000_000_000,
    });
  });

  test('one media sighted in two exhibits of two agencies', async () => {
    const agencies = new AgencyRepository(suite.database.db);
    const cases = new CaseRepository(suite.database.db);
    const nl = await agencies.create({ countryCode: 'NL', name: 'Sightings NL' });
    const ca = await agencies.create({ countryCode: 'CA', name: 'Sightings CA' });
    const caseNl = await cases.createCase({ agencyId: nl.id, reference: 'S-NL', title: 'NL' });
    const caseCa = await cases.createCase({ agencyId: ca.id, reference: 'S-CA', title: 'CA' });
    const exNl = await cases.createExhibit({ caseId: caseNl.id, label: 'phone' });
    const exCa = await cases.createExhibit({ caseId: caseCa.id, label: 'server' });
    const [{ mediaId }] = await media().insertMany([fakeMedia(1, 'sighting')]);

    const first = await media().addSighting({
      mediaId,
      exhibitId: exCa.id,
      path: 'DCIM/100/IMG_0001.JPG',
      fileModifiedAt: 1_500_000_000_000,
      seenAt: 2_000,
    });
    const second = await media().addSighting({ mediaId, exhibitId: exNl.id, path: 'backup/a.jpg', seenAt: 3_000 });
    assert.equal(first.agencyId, ca.id);
    assert.equal(second.agencyId, nl.id);
    assert.equal(first.fileModifiedAt, 1_500_000_000_000);
    assert.equal(first.fileCreatedAt, null);
    const all = await media().listSightings(mediaId);
    assert.deepEqual(
      all.map((s) => [s.exhibitId, s.agencyId, s.path]),
      [
        [exCa.id, ca.id, 'DCIM/100/IMG_0001.JPG'],
        [exNl.id, nl.id, 'backup/a.jpg'],
      ],
    );
    await assert.rejects(media().addSighting({ mediaId, exhibitId: 123_456, path: 'x' }), isCode('not-found'));
    await assert.rejects(media().addSighting({ mediaId: 123_456, exhibitId: exNl.id, path: 'x' }), isCode('not-found'));
  });

  test('bulk: 5,000 media with 3 signals each, then every lookup path', async () => {
    const items = fakeMediaRange(0, 5_000, 'bulk');
    const results = await media().insertMany(items, { batchSize: 1_200 });
    assert.equal(results.length, 5_000);
    assert.ok(results.every((r, i) => r.status === 'inserted' && r.sha256 === items[i].sha256));
    assert.equal(new Set(results.map((r) => r.mediaId)).size, 5_000);

    const bySha = await media().findManyBySha256(items.map((m) => m.sha256));
    assert.equal(bySha.size, 5_000);
    for (const i of [0, 1, 2_499, 4_999]) {
      const want = results[i].mediaId;
      assert.equal((await media().findBySha256(items[i].sha256))?.id, want);
      assert.deepEqual(
        (await media().findByMd5(items[i].md5)).map((m) => m.id),
        [want],
      );
      assert.deepEqual(
        (await media().findBySha1(items[i].sha1)).map((m) => m.id),
        [want],
      );
      for (const s of items[i].signals ?? []) {
        assert.deepEqual(
          (await media().findBySignal(s.type, s.value)).map((h) => h.media.id),
          [want],
        );
      }
    }
    const counted = await suite.database.db
      .selectFrom('signals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('media_id', 'in', [results[0].mediaId, results[4_999].mediaId])
      .executeTakeFirstOrThrow();
    assert.equal(counted.n, 6);
  });

  test('bulk again, overlapping and with repeats: existing media reported, nothing doubled', async () => {
    const before = await media().insertMany(fakeMediaRange(0, 100, 'again'));
    const items = [...fakeMediaRange(50, 100, 'again'), fakeMedia(60, 'again'), fakeMedia(170, 'again')];
    const results = await media().insertMany(items, { batchSize: 40 });
    assert.equal(results.length, 102);
    assert.equal(results.filter((r) => r.status === 'inserted').length, 51);
    assert.equal(results[0].mediaId, before[50].mediaId);
    assert.equal(results[0].status, 'existing');
    assert.equal(results[100].mediaId, results[10].mediaId);
    assert.equal(results[100].status, 'existing');
    assert.equal(results[101].status, 'inserted');
    assert.equal(results[50].status, 'inserted');
    const signals = await media().listSignals(results[0].mediaId);
    assert.equal(signals.length, 3);
  });

  test('bulk with a bad hash fails its batch with a typed error and keeps nothing of it', async () => {
    const items = fakeMediaRange(0, 10, 'badbulk');
    items[7] = { ...items[7], md5: 'not-a-hash' };
    await assert.rejects(media().insertMany(items), isCode('invalid-signal'));
    assert.equal(await media().findBySha256(items[0].sha256), null);
  });
});
