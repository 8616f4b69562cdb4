/**
 * The app's layout where an investigator meets it: a laptop window (1366×768) and a phone
 * (390×844), in English and Arabic. The top bar keeps its language picker to its size and each
 * navigation label on one line, and wraps instead of pushing the page sideways on a phone; the
 * media page sets its cards in its grid (not centred in the middle of it); a file with no picture
 * (a text file) says so in the review grid instead of a broken image; the administration forms
 * have their heading above their fields; month labels stay on one line; an exhibit's label that is
 * a path reads left to right in Arabic; cards sit in the page's flow, a gap between them, not
 * 3rem above and below (the sign-in card's centring).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { Page } from 'playwright-core';
import { recordedPage } from '../support/browser.js';
import { type E2eHub, firstAdminSignIn, startE2eHub } from '../support/e2e-hub.js';
import { apiCall, uploadToNewCase } from '../support/e2e-steps.js';
import { textPng } from '../support/patterns.js';

let hub: E2eHub;
let page: Page;
let exhibitId = 0;

before(async () => {
  hub = await startE2eHub();
  ({ page } = await recordedPage(hub.browser));
  await page.setViewportSize({ width: 1366, height: 768 });
  await firstAdminSignIn(page, hub.server, 'layout check pass phrase');
  const picture = join(hub.dir, 'street.png');
  writeFileSync(picture, await textPng('Layout 1'));
  const text = join(hub.dir, 'notes.txt');
  writeFileSync(text, 'A plain note, no picture in it.\n');
  exhibitId = await uploadToNewCase(page, 'LAY-1', [picture, text], '/evidence/phone-1');
});
after(() => hub?.close());

const noSidewaysScroll = (p: Page) => p.evaluate('document.documentElement.scrollWidth <= innerWidth');

it('keeps the top bar to its size on a laptop: a compact language picker, each label on one line', async () => {
  await page.goto(`${hub.server.base}/`);
  await page.getByTestId('welcome').waitFor();
  const picker = await page.getByRole('banner').getByLabel('Language').boundingBox();
  assert.ok(picker && picker.width < 250, `the language picker is ${picker?.width} px wide`);
  const broken = await page
    .getByRole('navigation', { name: 'main' })
    .locator('a')
    .evaluateAll((links) => links.filter((a) => a.getClientRects().length > 1).map((a) => a.textContent));
  assert.deepEqual(broken, [], 'navigation labels broken over two lines');
  // A month label as tall as the count beside it: on one line ("2025-12", not "2025-" over "12").
  const rows = await page
    .getByTestId('media-by-month')
    .locator('.bar-row')
    .evaluateAll((all) => all.map((r) => [r.children[0].clientHeight, r.children[2].clientHeight]));
  assert.ok(
    rows.every(([label, count]) => label <= count),
    `month labels on one line: ${JSON.stringify(rows)}`,
  );
});

it('wraps the top bar on a phone instead of scrolling the page sideways', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    for (const path of ['/', '/cases', `/exhibits/${exhibitId}`, '/admin', '/audit', '/hash-sets', '/media/1']) {
      await page.goto(`${hub.server.base}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      assert.ok(await noSidewaysScroll(page), `no sideways scroll on ${path} at 390 px`);
    }
    const picker = await page.getByRole('banner').getByLabel('Language').boundingBox();
    assert.ok(picker && picker.width > 60, `the language picker keeps room for its name (${picker?.width} px)`);
  } finally {
    await page.setViewportSize({ width: 1366, height: 768 });
  }
});

it('sets the media page cards in its grid and says which grid cells have no picture', async () => {
  await page.goto(`${hub.server.base}/exhibits/${exhibitId}/review`);
  const cells = page.locator('.grid-inner .cell');
  await cells.nth(1).waitFor();
  const textCell = cells.filter({ hasText: 'No preview' });
  await textCell.waitFor();
  assert.equal(await textCell.locator('img').count(), 0, 'no broken image for the text file');
  const pictureCell = cells.filter({ hasNotText: 'No preview' });
  await pictureCell.locator('img').waitFor();

  await pictureCell.click();
  await page.getByTestId('viewer-image').waitFor();
  const review = await page.locator('.review').boundingBox();
  const viewer = await page.locator('.review .viewer').boundingBox();
  const category = await page.locator('.review .card').filter({ hasText: 'Category' }).boundingBox();
  const matches = await page.locator('.review .matches').boundingBox();
  assert.ok(review && viewer && category && matches);
  assert.ok(
    Math.abs(category.y - viewer.y) < 2,
    `the category card starts level with the picture (${category.y} vs ${viewer.y})`,
  );
  assert.ok(Math.abs(matches.x - review.x) < 2, 'the matches card starts at the edge of the page');
  assert.ok(Math.abs(matches.width - review.width) < 2, 'the matches card spans the page');
});

it('puts the administration forms under their headings', async () => {
  await page.goto(`${hub.server.base}/admin`);
  for (const [heading, field] of [
    ['Add a user', 'Username'],
    ['Add agency', 'Agency name'],
  ]) {
    const h = await page.getByRole('heading', { name: heading }).boundingBox();
    const f = await page.getByLabel(field, { exact: true }).boundingBox();
    assert.ok(h && f && h.y + h.height <= f.y, `"${heading}" is above its fields`);
  }
});

it('reads an exhibit label that is a path left to right in Arabic', async () => {
  await page.goto(`${hub.server.base}/exhibits/${exhibitId}`);
  await page.getByRole('banner').getByLabel('Language').selectOption('ar');
  try {
    await page.getByRole('heading', { level: 1, name: '/evidence/phone-1' }).waitFor();
    assert.equal(await page.evaluate('getComputedStyle(document.querySelector("h1")).direction'), 'ltr');
    assert.equal(await page.evaluate('document.documentElement.dir'), 'rtl', 'the page itself is right to left');
  } finally {
    await page.getByRole('banner').getByLabel('اللغة').selectOption('en');
  }
});

it('sets cards in the page flow with a gap between them', async () => {
  await page.goto(`${hub.server.base}/cases`);
  await page.getByRole('link', { name: 'LAY-1' }).click();
  const exhibits = await page
    .locator('.card')
    .filter({ has: page.getByRole('heading', { name: 'Exhibits' }) })
    .boundingBox();
  const notes = await page
    .locator('.card')
    .filter({ has: page.getByRole('heading', { name: 'Notes' }) })
    .boundingBox();
  assert.ok(exhibits && notes);
  const gap = notes.y - (exhibits.y + exhibits.height);
  assert.ok(gap >= 8 && gap <= 24, `the notes card ${gap} px below the exhibits`);

  assert.equal(
    (await apiCall(page, 'POST', '/api/v1/hash-sets', { name: 'Layout list', sharing: { level: 'restricted' } }))
      .status,
    201,
  );
  await page.goto(`${hub.server.base}/hash-sets`);
  const row = page.getByRole('row', { name: 'Layout list Details' });
  await row.getByRole('button', { name: 'Details' }).click();
  const details = await page.getByTestId('hash-set-terms').boundingBox();
  const rowBox = await row.boundingBox();
  assert.ok(details && rowBox);
  const below = details.y - (rowBox.y + rowBox.height);
  assert.ok(below >= 0 && below <= 24, `the set's details open ${below} px below its row`);
});
