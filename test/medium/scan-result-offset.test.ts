/**
 * A page of scan results that starts at a position (`offset`, issue #9: the review grid jumps to
 * row 9,800 without reading the 49 pages before it), on both dialects: in id order and in review
 * order, alone, with a status list and with a narrowing filter; at every position of the list, so
 * every status boundary is one, and past the end (an empty page, no next cursor). From each start
 * the nextCursor is followed to the end: the pages join the offset page without a gap or a repeat.
 * Each expectation comes from the fixture's plain description below, not from the SQL.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { AppError } from '../../src/domain/app-error.js';
import { REVIEW_ORDER } from '../../src/services/scan-result-order.js';
import { type ScanResultRequest, scanResultPage } from '../../src/services/scan-result-page.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { ExhibitFilesRepository } from '../../src/storage/exhibit-files.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { upsertMediaMetadata } from '../../src/storage/media-metadata.repository.js';
import { ScanFileRepository } from '../../src/storage/scan-file.repository.js';
import { fakeMedia } from '../support/fake-media.js';
import { describeEachDialect } from './dialect-harness.js';
import { makeWorld, type World } from './records-fixtures.js';

const FILES = 26;
// Finished out of review order, so id order and review order differ; no file is near-duplicate,
// so review order has an empty status between two full ones.
const STATUS = ['known', 'new', 'ignorable', 'new', 'error', 'known', 'new'] as const;
const LIMIT = 4;

/** File i of the exhibit: its path, status and whether its media holds a GPS position. */
const FACTS = Array.from({ length: FILES }, (_, i) => ({
  path: `o/${String(i).padStart(2, '0')}.jpg`,
  status: STATUS[i % STATUS.length] ?? 'new',
  gps: i % 3 !== 0,
}));
type Fact = (typeof FACTS)[number];
type Asked = Omit<ScanResultRequest, 'limit' | 'cursor' | 'offset'>;

const rank = (f: Fact) => (REVIEW_ORDER as readonly string[]).indexOf(f.status);

/** The paths `asked` lists, in its order: the oracle. */
function expected(asked: Asked): string[] {
  const statuses = asked.status?.split(',');
  const kept = FACTS.filter(
    (f) =>
      (statuses === undefined || statuses.includes(f.status)) &&
      (asked.gps === undefined || f.gps === (asked.gps === 'with')),
  );
  if (asked.order === 'review') kept.sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  return kept.map((f) => f.path);
}

const ASKED: [string, Asked][] = [
  ['id order', { order: 'id' }],
  ['review order', { order: 'review' }],
  ['id order, a status list and GPS', { order: 'id', status: 'new,known,error', gps: 'with' }],
  ['review order, a status list and GPS', { order: 'review', status: 'new,known,error', gps: 'with' }],
  ['review order without GPS', { order: 'review', gps: 'without' }],
];

describeEachDialect('scan results from an offset', (suite) => {
  let w: World;
  let exhibitId = 0;
  const files = () => new ExhibitFilesRepository(suite.database.db);
  const page = (asked: Asked, start: { offset?: number; cursor?: string }) =>
    scanResultPage(files(), exhibitId, w.a.id, { ...asked, ...start, limit: LIMIT });

  before(async () => {
    const { db, dialect } = suite.database;
    w = await makeWorld(suite.database, 'scanoffset');
    const cases = new CaseRepository(db);
    exhibitId = (await cases.createExhibit({ caseId: w.caseA.id, label: 'phone' })).id;
    const other = (await cases.createExhibit({ caseId: w.caseA.id, label: 'other' })).id;
    const media = new MediaRepository(db, dialect);
    const scans = new ScanFileRepository(db);
    for (const [i, f] of FACTS.entries()) {
      const { signals: _s, ...m } = fakeMedia(9500 + i, `scanoffset-${i}`);
      const mediaId = (await media.insert(m)).id;
      await upsertMediaMetadata(db, mediaId, {
        gps_latitude: f.gps ? 59.9 : null,
        gps_longitude: f.gps ? 10.7 : null,
        updated_at: 1,
      });
      const row = { agencyId: w.a.id, path: f.path, status: f.status, reasons: [], mediaId, sha256: null, size: i };
      await scans.record({ ...row, exhibitId, scannedAt: i });
      // Another exhibit's results, interleaved by id: never counted into this one's positions.
      await scans.record({ ...row, exhibitId: other, scannedAt: i });
    }
  });

  test('the fixture has status boundaries to cross and an empty status between two', () => {
    const review: string[] = expected({ order: 'review' }).map((p) => FACTS.find((f) => f.path === p)?.status ?? '');
    const boundaries = review.filter((s, i) => i > 0 && s !== review[i - 1]).length;
    assert.equal(boundaries, 3, 'new | known | error | ignorable');
    assert.ok(!review.includes('near-duplicate'));
    assert.ok(expected(ASKED[3]?.[1] ?? {}).length > 2 * LIMIT, 'the narrowed list spans pages');
  });

  for (const [name, asked] of ASKED) {
    test(`${name}: a page at every position, then its cursor on to the end without gap or repeat`, async () => {
      const all = expected(asked);
      for (let offset = 0; offset <= all.length + 1; offset++) {
        const first = await page(asked, { offset });
        const want = all.slice(offset, offset + LIMIT);
        assert.deepEqual(
          first.items.map((r) => r.path),
          want,
          `offset ${offset}`,
        );
        assert.equal(first.nextCursor === null, offset + LIMIT >= all.length, `offset ${offset}: next cursor`);
        const read = first.items.map((r) => r.path);
        for (let cursor = first.nextCursor; cursor !== null; ) {
          const next = await page(asked, { cursor });
          read.push(...next.items.map((r) => r.path));
          cursor = next.nextCursor;
        }
        assert.deepEqual(read, all.slice(offset), `offset ${offset}: the cursor continues where the offset page ended`);
      }
    });
  }

  test('an offset far past the end is an empty page with no next cursor, in both orders', async () => {
    for (const order of ['id', 'review'] as const) {
      const far = await page({ order, status: 'new' }, { offset: 1_000_000 });
      assert.deepEqual(far, { items: [], nextCursor: null }, order);
    }
  });

  test('a review-order offset read with the counts the caller holds is the same page', async () => {
    const asked: Asked = { order: 'review', gps: 'with' };
    const counts = await files().scanStatusCounts(exhibitId, w.a.id, { gps: 'with' });
    for (const offset of [0, 5, 11]) {
      const given = await scanResultPage(files(), exhibitId, w.a.id, { ...asked, offset, limit: LIMIT }, counts);
      assert.deepEqual(given, await page(asked, { offset }), `offset ${offset}`);
    }
  });

  test('a cursor and an offset together are refused, saying to pass one', async () => {
    const { nextCursor } = await page({ order: 'review' }, {});
    for (const order of ['id', 'review'] as const) {
      await assert.rejects(
        page({ order }, { offset: 2, cursor: order === 'review' ? (nextCursor ?? '') : '3' }),
        (err: unknown) => err instanceof AppError && err.code === 'bad-usage' && /cursor.*offset/.test(err.message),
      );
    }
  });
});
