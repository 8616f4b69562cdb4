/**
 * What an exhibit holds, on both dialects: its sightings in pages, within the caller's scope
 * (another agency gets none), and its scan results with the facts triage filters by — camera
 * serial, local capture time, a GPS flag and the reading agency's own category, never another's.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Actor } from '../../src/access/access-record.js';
import { scopeWhere } from '../../src/access/scope-query.js';
import type { Exhibit } from '../../src/domain/case.record.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { CategoryRepository } from '../../src/storage/category.repository.js';
import { ExhibitFilesRepository } from '../../src/storage/exhibit-files.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { MediaCategoryRepository } from '../../src/storage/media-category.repository.js';
import { upsertMediaMetadata } from '../../src/storage/media-metadata.repository.js';
import { ScanFileRepository } from '../../src/storage/scan-file.repository.js';
import { describeEachDialect } from './dialect-harness.js';
import { makeWorld, type World } from './records-fixtures.js';

describeEachDialect('exhibit files repository', (suite) => {
  const repo = () => new ExhibitFilesRepository(suite.database.db);
  let w: World;
  let exhibit: Exhibit;
  const actor = (agencyId: number): Actor => ({ userId: null, agencyId, roles: ['analyst'] });

  before(async () => {
    const { db, dialect } = suite.database;
    w = await makeWorld(suite.database, 'exfiles');
    exhibit = await new CaseRepository(db).createExhibit({ caseId: w.caseA.id, label: 'disk' });
    const media = new MediaRepository(db, dialect);
    for (const [m, path] of [
      [w.m1, 'dcim/one.jpg'],
      [w.m2, 'dcim/two.jpg'],
      [w.m1, 'backup/one-copy.jpg'],
    ] as const) {
      await media.addSighting({ mediaId: m.id, exhibitId: exhibit.id, path, fileModifiedAt: 5, seenAt: 10 });
    }
    await upsertMediaMetadata(db, w.m1.id, {
      camera_serial: 'SN-EX-1',
      taken_at_local: '2023:05:06 07:08:09',
      gps_latitude: 59.9,
      gps_longitude: 10.7,
      updated_at: 1,
    });
    const value = async (scheme: string, code: string) =>
      (await new CategoryRepository(db).findValue(scheme, code))?.id ?? null;
    const categories = new MediaCategoryRepository(db);
    await categories.set(w.a.id, w.m1.id, await value('projectvic_us', '2'), null, 1);
    await categories.set(w.b.id, w.m1.id, await value('projectvic_us', '1'), null, 1);
    const scans = new ScanFileRepository(db);
    const base = { exhibitId: exhibit.id, agencyId: w.a.id, scannedAt: 20 };
    await scans.record({
      ...base,
      path: 'dcim/one.jpg',
      status: 'new',
      reasons: [],
      mediaId: w.m1.id,
      sha256: w.m1.sha256,
      size: w.m1.size,
    });
    await scans.record({
      ...base,
      path: 'broken.jpg',
      status: 'error',
      reasons: ['not an image'],
      mediaId: null,
      sha256: null,
      size: 3,
    });
  });

  test("sightings come in recorded order, a page at a time, only to the exhibit's agency", async () => {
    const scope = scopeWhere(actor(w.a.id), 'read', 'sighting');
    const first = await repo().sightings(scope, exhibit.id, null, 1);
    assert.deepEqual(
      first.map((s) => [s.path, s.sha256, s.fileModifiedAt, s.seenAt]),
      [
        ['dcim/one.jpg', w.m1.sha256, 5, 10],
        ['dcim/two.jpg', w.m2.sha256, 5, 10],
      ],
    );
    const rest = await repo().sightings(scope, exhibit.id, first[0]?.id ?? null, 10);
    assert.deepEqual(
      rest.map((s) => s.path),
      ['dcim/two.jpg', 'backup/one-copy.jpg'],
    );
    assert.deepEqual(await repo().sightings(scopeWhere(actor(w.b.id), 'read', 'sighting'), exhibit.id, null, 10), []);
    assert.equal(await repo().sightingCount(exhibit.id), 3);
  });

  test("scan results carry triage facts and the reading agency's own category only", async () => {
    const asA = await repo().scanResults(exhibit.id, w.a.id, null, 10);
    assert.deepEqual(
      asA.map((r) => [r.path, r.status, r.reasons, r.cameraSerial, r.takenAtLocal, r.hasGps, r.category?.code ?? null]),
      [
        ['dcim/one.jpg', 'new', [], 'SN-EX-1', '2023:05:06 07:08:09', true, '2'],
        ['broken.jpg', 'error', ['not an image'], null, null, false, null],
      ],
    );
    const asC = await repo().scanResults(exhibit.id, w.c.id, null, 10);
    assert.deepEqual(
      asC.map((r) => r.category),
      [null, null],
    );
    const page = await repo().scanResults(exhibit.id, w.a.id, asA[0]?.id ?? null, 0);
    assert.deepEqual(
      page.map((r) => r.path),
      ['broken.jpg'],
    );
  });
});
