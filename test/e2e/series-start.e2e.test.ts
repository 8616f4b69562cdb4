/**
 * Starting a series and putting an item into it from the web app, against a real `vigil serve`:
 * an investigator finds new material, starts a series on the series list (own reference, title,
 * sharing), adds the item to it from the media page, and the media page then names the series,
 * whose workspace shows the item. Before, both were possible through the API only.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { recordedPage } from '../support/browser.js';
import { type E2eHub, firstAdminSignIn, startE2eHub } from '../support/e2e-hub.js';
import { apiCall, uploadToNewCase } from '../support/e2e-steps.js';
import { textPng } from '../support/patterns.js';

let hub: E2eHub;
before(async () => {
  hub = await startE2eHub();
});
after(() => hub?.close());

it('starts a series on the series page and adds an item to it from the media page', async () => {
  const { page } = await recordedPage(hub.browser);
  await firstAdminSignIn(page, hub.server, 'series start pass phrase');
  const picture = join(hub.dir, 'room.png');
  writeFileSync(picture, await textPng('Series 1'));
  await uploadToNewCase(page, 'SER-1', [picture]);
  const mediaId = Number(
    await page
      .getByTestId('triage')
      .locator('tbody tr a')
      .first()
      .getAttribute('href')
      .then((h) => h?.split('/').pop()),
  );
  assert.ok(mediaId > 0);

  await page.getByRole('link', { name: 'Series' }).click();
  await page.getByText('No series yet.').waitFor();
  assert.equal(await page.getByTestId('series').count(), 0, 'no empty table under "No series yet."');
  await page.getByLabel('Reference', { exact: true }).fill('S-1');
  await page.getByLabel('Title', { exact: true }).fill('Blue room');
  await page.getByLabel('Shared').selectOption('hash_only');
  await page.getByRole('button', { name: 'Create series' }).click();
  await page.getByRole('heading', { level: 1, name: 'S-1 — Blue room' }).waitFor();
  const seriesId = Number(new URL(page.url()).pathname.split('/').pop());
  const made = await apiCall(page, 'GET', `/api/v1/series/${seriesId}`);
  assert.equal((made.body as { sharing: string }).sharing, 'hash_only');

  await page.goto(`${hub.server.base}/media/${mediaId}`);
  await page.getByText('In no series yet.').waitFor();
  await page.getByLabel('One of your agency’s series').selectOption({ label: 'S-1 — Blue room' });
  await page.getByRole('button', { name: 'Add to series' }).click();
  await page.getByTestId('media-series').getByRole('link', { name: 'S-1 — Blue room' }).click();
  await page.getByRole('heading', { level: 1, name: 'S-1 — Blue room' }).waitFor();
  await page.locator('.gallery-box a.cell').first().waitFor();
  assert.equal(await page.locator('.gallery-box a.cell').count(), 1, 'the series shows its item');
});
