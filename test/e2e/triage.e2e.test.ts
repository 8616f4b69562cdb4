/**
 * An investigator's first exhibit in a real browser against a real `vigil serve` (embedded
 * database, in-process ingest): open a case, add an exhibit, upload generated pictures, a photo
 * with a camera serial, capture time and GPS position, and a damaged file; see the triage — new
 * files first, the damaged one as an error — narrow it by camera, GPS and date, and find the month's
 * uploads on the dashboard, with no request leaving the machine.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import sharp from 'sharp';
import { offMachine, recordedPage } from '../support/browser.js';
import { type E2eHub, firstAdminSignIn, startE2eHub } from '../support/e2e-hub.js';
import { uploadToNewCase } from '../support/e2e-steps.js';
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

it('opens a case, uploads an exhibit and shows its triage, new first', async () => {
  const { page, requests } = await recordedPage(hub.browser);
  await firstAdminSignIn(page, hub.server, PASSWORD);

  const started = Date.now();
  await uploadToNewCase(
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
  await filters.getByRole('combobox', { name: /^Camera serial/ }).selectOption('SN-E2E-1');
  await shown.getByText('1 shown').waitFor();
  await filters.getByRole('combobox', { name: /^Camera serial/ }).selectOption('');
  await filters.getByRole('combobox', { name: /^GPS position/ }).selectOption('with');
  await shown.getByText('1 shown').waitFor();
  await filters.getByRole('combobox', { name: /^GPS position/ }).selectOption('without');
  await shown.getByText('4 shown').waitFor();
  await filters.getByRole('combobox', { name: /^GPS position/ }).selectOption('any');
  await filters.getByLabel('Taken from').fill('2024-05-01');
  await filters.getByLabel('to', { exact: true }).fill('2024-05-01');
  await shown.getByText('1 shown').waitFor();
  assert.match((await rows.first().textContent()) ?? '', /camera\.jpg/);
  await filters.getByLabel('Taken from').fill('2024-05-02');
  await shown.getByText('0 shown').waitFor();
  await filters.getByLabel('Taken from').fill('');
  await filters.getByLabel('to', { exact: true }).fill('');
  await shown.getByText('5 shown').waitFor();

  await page.getByRole('button', { name: /^Error/ }).click();
  await page.getByTestId('triage').locator('tbody tr', { hasText: 'picture-0.png' }).waitFor({ state: 'detached' });
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

  assert.deepEqual(offMachine(requests, hub.server.base), [], 'no request leaves the machine');
});
