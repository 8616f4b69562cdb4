/**
 * The triage's narrowing filters, applied by the hub on both dialects (issue #9): the reading
 * agency's category (none yet, a code in any scheme, scheme:code), camera serial, capture day
 * (inclusive, on the local time the file states) and GPS presence — alone and together, with a
 * status, in id order and in review order, read page after page of three so every filter is
 * followed well past its first page; the counts by status agree with the pages. Each expectation
 * comes from the fixture's plain description below, not from the SQL.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { type ScanResultNarrowing, scanFilterOf } from '../../src/services/scan-result-narrowing.js';
import { REVIEW_ORDER } from '../../src/services/scan-result-order.js';
import { scanResultPage } from '../../src/services/scan-result-page.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { CategoryRepository } from '../../src/storage/category.repository.js';
import { ExhibitFilesRepository } from '../../src/storage/exhibit-files.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { MediaCategoryRepository } from '../../src/storage/media-category.repository.js';
import { upsertMediaMetadata } from '../../src/storage/media-metadata.repository.js';
import { ScanFileRepository } from '../../src/storage/scan-file.repository.js';
import { fakeMedia } from '../support/fake-media.js';
import { describeEachDialect } from './dialect-harness.js';
import { makeWorld, type World } from './records-fixtures.js';

const FILES = 40;
// Finished out of review order, so id order and review order differ.
const STATUS = ['known', 'new', 'near-duplicate', 'new', 'ignorable', 'new', 'known', 'error'] as const;

/** What file i of the exhibit is: plain facts, the oracle every expectation is computed from. */
interface Fact {
  path: string;
  status: string;
  camera: string | null;
  taken: string | null;
  gps: boolean;
  /** The reading agency's category as scheme:code; null when none. */
  category: string | null;
}

function factOf(i: number): Fact {
  const media = i % 10 !== 9; // every tenth file could not be read: no media, so no facts
  const day = `2024-05-0${1 + (i % 5)}`;
  const time = i % 2 === 0 ? 'T00:00:00' : 'T23:59:59.500';
  const category = [`projectvic_us:1`, 'dhs_legacy:1', 'projectvic_us:2', null, null][i % 5] ?? null;
  return {
    path: `f/${String(i).padStart(2, '0')}.jpg`,
    status: media ? (STATUS[i % STATUS.length] ?? 'new') : 'error',
    camera: media ? ([`SN-A`, 'SN-B', null][i % 3] ?? null) : null,
    taken: media && i % 7 !== 0 ? `${day}${time}` : null,
    gps: media && i % 4 === 0,
    category: media ? category : null,
  };
}

const FACTS = Array.from({ length: FILES }, (_, i) => factOf(i));

function keeps(f: Fact, n: ScanResultNarrowing): boolean {
  if (n.category === 'none' && f.category !== null) return false;
  if (n.category?.includes(':') && f.category !== n.category) return false;
  if (n.category && n.category !== 'none' && !n.category.includes(':') && f.category?.split(':')[1] !== n.category) {
    return false;
  }
  if (n.cameraSerial !== undefined && f.camera !== n.cameraSerial) return false;
  if (n.gps !== undefined && f.gps !== (n.gps === 'with')) return false;
  const day = f.taken?.slice(0, 10);
  if (n.capturedFrom !== undefined && (day === undefined || day < n.capturedFrom)) return false;
  if (n.capturedTo !== undefined && (day === undefined || day > n.capturedTo)) return false;
  return true;
}

const CASES: [string, ScanResultNarrowing][] = [
  ['no category yet', { category: 'none' }],
  ['a category code in any scheme', { category: '1' }],
  ['a category in one scheme', { category: 'projectvic_us:1' }],
  ['the same code in another scheme', { category: 'dhs_legacy:1' }],
  ['a camera serial', { cameraSerial: 'SN-A' }],
  ['a camera serial no media has', { cameraSerial: 'SN-a' }],
  ['captured from a day', { capturedFrom: '2024-05-04' }],
  ['captured up to a day, its last second included', { capturedTo: '2024-05-02' }],
  ['captured within one day', { capturedFrom: '2024-05-03', capturedTo: '2024-05-03' }],
  ['with GPS', { gps: 'with' }],
  ['without GPS', { gps: 'without' }],
  ['camera, GPS and days together', { cameraSerial: 'SN-A', gps: 'without', capturedFrom: '2024-05-02' }],
  ['category and camera together', { category: 'none', cameraSerial: 'SN-B' }],
];

describeEachDialect('scan result filters', (suite) => {
  let w: World;
  let exhibitId = 0;
  const files = () => new ExhibitFilesRepository(suite.database.db);

  before(async () => {
    const { db, dialect } = suite.database;
    w = await makeWorld(suite.database, 'scanfilter');
    const cases = new CaseRepository(db);
    exhibitId = (await cases.createExhibit({ caseId: w.caseA.id, label: 'phone' })).id;
    const other = (await cases.createExhibit({ caseId: w.caseA.id, label: 'other' })).id;
    const media = new MediaRepository(db, dialect);
    const values = new CategoryRepository(db);
    const categories = new MediaCategoryRepository(db);
    const scans = new ScanFileRepository(db);
    const onePv = (await values.findValue('projectvic_us', '1'))?.id ?? null;
    for (const [i, f] of FACTS.entries()) {
      let mediaId: number | null = null;
      if (i % 10 !== 9) {
        const { signals: _s, ...m } = fakeMedia(9000 + i, `scanfilter-${i}`);
        mediaId = (await media.insert(m)).id;
        await upsertMediaMetadata(db, mediaId, {
          camera_serial: f.camera,
          taken_at_local: f.taken,
          gps_latitude: f.gps ? 59.9 : null,
          gps_longitude: f.gps ? 10.7 : null,
          updated_at: 1,
        });
        if (f.category) {
          const [scheme = '', code = ''] = f.category.split(':');
          await categories.set(w.a.id, mediaId, (await values.findValue(scheme, code))?.id ?? null, null, 1);
        }
        // Another agency's verdict on every item: never what agency A's filter reads.
        await categories.set(w.b.id, mediaId, onePv, null, 1);
      }
      const row = { agencyId: w.a.id, path: f.path, status: f.status, reasons: [], mediaId, sha256: null, size: i };
      await scans.record({ ...row, exhibitId, scannedAt: i });
      // The same media in another exhibit: never in this one's pages.
      await scans.record({ ...row, exhibitId: other, scannedAt: i });
    }
  });

  /** Every page, `limit` at a time, following nextCursor; the paths read. */
  async function readAll(n: ScanResultNarrowing & { status?: string; order?: 'id' | 'review' }, limit = 3) {
    const paths: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await scanResultPage(files(), exhibitId, w.a.id, { ...n, limit, cursor });
      assert.ok(page.items.length <= limit);
      paths.push(...page.items.map((r) => r.path));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor !== undefined);
    return { paths, pages };
  }

  const inIdOrder = (n: ScanResultNarrowing) => FACTS.filter((f) => keeps(f, n)).map((f) => f.path);
  const inReviewOrder = (n: ScanResultNarrowing) =>
    FACTS.filter((f) => keeps(f, n))
      .sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path))
      .map((f) => f.path);
  const rank = (f: Fact) => (REVIEW_ORDER as readonly string[]).indexOf(f.status);

  for (const [name, narrowing] of CASES) {
    test(`${name}: every page in id and in review order, and the counts by status agree`, async () => {
      const expected = inIdOrder(narrowing);
      const byId = await readAll({ ...narrowing, order: 'id' });
      assert.deepEqual(byId.paths, expected);
      assert.deepEqual((await readAll({ ...narrowing, order: 'review' })).paths, inReviewOrder(narrowing));
      const counts = await files().scanStatusCounts(exhibitId, w.a.id, scanFilterOf(narrowing));
      const want: Record<string, number> = {};
      for (const f of FACTS.filter((x) => keeps(x, narrowing))) want[f.status] = (want[f.status] ?? 0) + 1;
      assert.deepEqual(counts, want);
    });
  }

  test('the fixture gives filters work to do: several pages for most, none for a serial no media has', () => {
    assert.ok(inIdOrder({ cameraSerial: 'SN-A' }).length > 6, 'SN-A spans more than two pages of three');
    assert.ok(inIdOrder({ category: '1' }).length > inIdOrder({ category: 'projectvic_us:1' }).length);
    assert.deepEqual(inIdOrder({ cameraSerial: 'SN-a' }), [], 'serials match exactly');
  });

  test('a status and narrowing filters together, in review order past the first page', async () => {
    const narrowing: ScanResultNarrowing = { gps: 'without', capturedTo: '2024-05-04' };
    const asked = { ...narrowing, status: 'new,known', order: 'review' as const };
    const { paths, pages } = await readAll(asked, 2);
    const want = inReviewOrder(narrowing).filter((p) =>
      ['new', 'known'].includes(FACTS.find((f) => f.path === p)?.status ?? ''),
    );
    assert.deepEqual(paths, want);
    assert.ok(pages > 2, `${pages} pages`);
  });

  test('without filters every result comes, and the counts are the whole exhibit', async () => {
    assert.deepEqual(
      (await readAll({}, 7)).paths,
      FACTS.map((f) => f.path),
    );
    const counts = await files().scanStatusCounts(exhibitId, w.a.id);
    assert.equal(
      Object.values(counts).reduce((a, b) => a + b, 0),
      FILES,
    );
  });
});
