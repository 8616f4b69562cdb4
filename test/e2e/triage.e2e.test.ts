/**
 * An investigator's first exhibit in a real browser against a real `vigil serve` (embedded
 * database, in-process ingest): open a case, add an exhibit, upload generated pictures, a photo
 * with a camera serial, capture time and GPS position, and a damaged file; see the triage — new
 * files first, the damaged one as an error — narrow it by camera, GPS and date, and find the month's
 * uploads on the dashboard; then, with 251 more results seeded into the exhibit, a camera serial
 * found only beyond the first page of 200 is found by the hub's filter, with no request leaving
 * the machine.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import sharp from 'sharp';
import { SQLITE_FILE_NAME } from '../../src/storage/database.config.js';
import { createDatabase } from '../../src/storage/database.js';
import { upsertMediaMetadata } from '../../src/storage/media-metadata.repository.js';
import { offMachine, recordedPage } from '../support/browser.js';
import { type E2eHub, firstAdminSignIn, startE2eHub } from '../support/e2e-hub.js';
import { apiCall, uploadToNewCase } from '../support/e2e-steps.js';
import { blobs } from '../support/patterns.js';

let hub: E2eHub;
let files = '';
const PASSWORD = 'field unit pass phrase';

before(async () => {
  hub = await startE2eHub();
  files = join(hub.dir, 'seized');
  mkdirSync(files);
  for (let i = 0; i < 3; i++) {
    const px = blobs(160, 120, 40 + i);
    const png = await sharp(Buffer.from(px.data), {
      raw: { width: px.width, height: px.height, channels: px.channels },
    })
      .png()
      .toBuffer();
    writeFileSync(join(files, `picture-${i}.png`), png);
  }
  writeFileSync(join(files, 'damaged.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 0x43, 1, 2, 3]));
  // A photo with a camera serial, a capture time and a GPS position: what the triage filters by.
  const px = blobs(160, 120, 49);
  const photo = await sharp(Buffer.from(px.data), {
    raw: { width: px.width, height: px.height, channels: px.channels },
  })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Vigil Test', Model: 'Filter Cam' },
      IFD2: { BodySerialNumber: 'SN-E2E-1', DateTimeOriginal: '2024:05:01 12:34:56' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '59/1 54/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '10/1 45/1 0/1' },
    })
    .toBuffer();
  writeFileSync(join(files, 'camera.jpg'), photo);
});
after(() => hub?.close());

/** `count` new results seeded straight into the exhibit, after what it holds; the last one's media has camera SN-E2E-LATE. */
async function seedResults(exhibitId: number, agencyId: number, count: number): Promise<void> {
  const database = await createDatabase({ dialect: 'sqlite', file: join(hub.dir, 'data', SQLITE_FILE_NAME) });
  try {
    for (let i = 0; i < count; i++) {
      const sha256 = createHash('sha256').update(`triage-seed-${i}`).digest('hex');
      const path = i === count - 1 ? 'late/far.jpg' : `bulk/${i}.png`;
      const media = { sha256, md5: sha256.slice(0, 32), sha1: sha256.slice(0, 40), size: 100 + i, mime: 'image/png' };
      const { id } = await database.db
        .insertInto('media')
        .values({ ...media, created_at: Date.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (i === count - 1) await upsertMediaMetadata(database.db, id, { camera_serial: 'SN-E2E-LATE', updated_at: 1 });
      await database.db
        .insertInto('scan_files')
        .values({
          exhibit_id: exhibitId,
          agency_id: agencyId,
          path,
          status: 'new',
          reasons: '[]',
          media_id: id,
          sha256,
          size: 100,
          scanned_at: Date.now(),
        })
        .execute();
    }
  } finally {
    await database.destroy();
  }
}

it('opens a case, uploads an exhibit and shows its triage, new first', async () => {
  const { page, requests } = await recordedPage(hub.browser);
  await firstAdminSignIn(page, hub.server, PASSWORD);

  const started = Date.now();
  const exhibitId = await uploadToNewCase(
    page,
    'OP-2026-17',
    ['picture-0.png', 'picture-1.png', 'picture-2.png', 'camera.jpg', 'damaged.jpg'].map((f) => join(files, f)),
    'laptop-1',
  );
  const rows = page.getByTestId('triage').locator('tbody tr');
  console.log(`# a case opened, 4 files uploaded and triaged in ${Date.now() - started} ms`);
  const statuses = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status')));
  // A file that cannot be decoded and matches no exact hash could not be sorted: an error, with why.
  assert.deepEqual(statuses, ['new', 'new', 'new', 'new', 'error']);
  const damaged = page.getByTestId('triage').locator('tbody tr', { hasText: 'damaged.jpg' });
  assert.match((await damaged.textContent()) ?? '', /decode failed/);
  // Narrow by camera serial, GPS position and capture date: only the photo that has them stays.
  const filters = page.getByTestId('triage-filters');
  const shown = filters.getByTestId('triage-shown');
  const camera = filters.getByRole('combobox', { name: /^Camera serial/ });
  await camera.fill('SN-E2E-1');
  await shown.getByText(/^1 of 1 shown$/).waitFor();
  await camera.fill('');
  await shown.getByText(/^5 of 5 shown$/).waitFor();
  await filters.getByRole('combobox', { name: /^GPS position/ }).selectOption('with');
  await shown.getByText(/^1 of 1 shown$/).waitFor();
  await filters.getByRole('combobox', { name: /^GPS position/ }).selectOption('without');
  await shown.getByText(/^4 of 4 shown$/).waitFor();
  await filters.getByRole('combobox', { name: /^GPS position/ }).selectOption('any');
  await filters.getByLabel('Taken from').fill('2024-05-01');
  await filters.getByLabel('to', { exact: true }).fill('2024-05-01');
  await shown.getByText(/^1 of 1 shown$/).waitFor();
  assert.match((await rows.first().textContent()) ?? '', /camera\.jpg/);
  // Back from the item with Esc, the list is narrowed as it was left (it used to show all five again).
  await rows.first().getByRole('link').click();
  await page.getByRole('heading', { name: /^Media #/ }).waitFor();
  // The item says where it was found (path in the exhibit, case, exhibit) and when it was taken.
  const found = page.getByTestId('sightings').locator('li');
  await found.first().waitFor();
  assert.equal(await found.count(), 1);
  assert.match((await found.textContent()) ?? '', /camera\.jpg.*in case .*, exhibit laptop-1/);
  await page.getByTestId('taken').getByText('Taken: 2024-05-01 12:34:56 (as the file states it)').waitFor();
  await page.keyboard.press('Escape');
  await shown.getByText(/^1 of 1 shown$/).waitFor({ timeout: 10_000 });
  assert.equal(await filters.getByLabel('Taken from').inputValue(), '2024-05-01');
  await filters.getByLabel('Taken from').fill('2024-05-02');
  // A reversed range is said in the app's words, not sent to the hub (which named its parameters).
  await page
    .getByRole('alert')
    .getByText('The first date is after the last: swap them to see files taken between.')
    .waitFor();
  assert.equal(await page.getByTestId('triage').count(), 0);
  assert.ok(
    !requests.some((url) => url.includes('capturedFrom=2024-05-02')),
    'the reversed range is not asked of the hub',
  );
  await filters.getByLabel('to', { exact: true }).fill('2024-05-03');
  await shown.getByText(/^0 of 0 shown$/).waitFor();
  // Nothing left to show says so, rather than a table of headings alone.
  await page.getByText('No files match these filters.').waitFor();
  assert.equal(await page.getByTestId('triage').count(), 0);
  await filters.getByLabel('Taken from').fill('');
  await filters.getByLabel('to', { exact: true }).fill('');
  await shown.getByText(/^5 of 5 shown$/).waitFor();

  await page.getByRole('button', { name: /^Error/ }).click();
  await page.getByTestId('triage').locator('tbody tr', { hasText: 'picture-0.png' }).waitFor({ state: 'detached' });
  // The table empties when the status changes and fills when the hub's page comes: wait for that page.
  await shown.getByText(/^1 of 1 shown$/).waitFor();
  assert.deepEqual(
    await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status'))),
    ['error'],
    'the Error filter shows the damaged file alone',
  );

  // The dashboard counts this month's five new media (the damaged one too: it was identified by its hashes).
  await page.getByRole('link', { name: 'Dashboard' }).click();
  const thisMonth = page.getByTestId('media-by-month').locator('.bar-row').last();
  await thisMonth.waitFor();
  assert.equal(await thisMonth.locator('span').first().textContent(), new Date().toISOString().slice(0, 7));
  assert.equal(await thisMonth.locator('span').last().textContent(), '5');
  // The hub by agency: this unit's row (marked as the reader's) holds the same five.
  const ownRow = page.getByTestId('hub-by-agency').locator('tr[aria-current="true"]');
  assert.equal(await ownRow.locator('td').first().textContent(), '5');

  // 251 more new results, the last one's camera SN-E2E-LATE: far past the first page of 200.
  const session = (await apiCall(page, 'GET', '/api/v1/auth/session')).body;
  await seedResults(exhibitId, session.user.agencyId, 251);
  await page.goto(`${hub.server.base}/exhibits/${exhibitId}`);
  // The tab kept the exhibit's filter (Error) through the dashboard and the reload; All shows every result.
  await page.getByRole('button', { name: /^Error/, pressed: true }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'All' }).click();
  await shown.getByText(/^200 of 256 shown$/).waitFor({ timeout: 30_000 });
  const paths = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('code')?.textContent));
  assert.ok(!paths.includes('late/far.jpg'), 'the late row is not in the first page');
  // The camera field suggests every serial of the exhibit (the hub's list), the late one included.
  const suggested = page.locator('#triage-cameras option[value="SN-E2E-LATE"]');
  await suggested.waitFor({ state: 'attached' });
  assert.equal(await suggested.getAttribute('label'), 'SN-E2E-LATE — files: 1');
  await filters.getByRole('combobox', { name: /^Camera serial/ }).fill('SN-E2E-LATE');
  await shown.getByText(/^1 of 1 shown$/).waitFor();
  assert.match((await rows.first().textContent()) ?? '', /late\/far\.jpg/);
  await page.getByRole('button', { name: 'New (1)' }).waitFor();
  await page.getByRole('button', { name: 'Error (0)' }).waitFor();

  assert.deepEqual(offMachine(requests, hub.server.base), [], 'no request leaves the machine');
});
