/**
 * A series workspace in a real browser against a real `vigil serve`: an investigator puts an
 * uploaded picture in a series, uploads a rotated copy in another case, and on the series page
 * finds the match waiting side by side with its distance and confirms it; records a victim (not
 * identified) and an offender (identified), a place with its position, a link to another series,
 * and a clue drawn as a box on the picture — each shown in its list; the place, found on the world
 * map, opens its own page with its position and the series. No request leaves the machine.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import sharp from 'sharp';
import { offMachine, recordedPage } from '../support/browser.js';
import { type E2eHub, firstAdminSignIn, startE2eHub } from '../support/e2e-hub.js';
import { apiCall, uploadToNewCase } from '../support/e2e-steps.js';
import { blobs, transform } from '../support/patterns.js';

let hub: E2eHub;
const at = (name: string) => join(hub.dir, name);
const W = 320;
const H = 240;

before(async () => {
  hub = await startE2eHub();
  const raw = (px: ReturnType<typeof blobs>) =>
    sharp(Buffer.from(px.data), { raw: { width: px.width, height: px.height, channels: px.channels } });
  writeFileSync(
    at('yard.png'),
    await raw(blobs(W, H, 91))
      .png()
      .toBuffer(),
  );
  writeFileSync(
    at('yard-turned.png'),
    await raw(transform(blobs(W, H, 91), 'rot90'))
      .png()
      .toBuffer(),
  );
});
after(() => hub?.close());

it('confirms a series match side by side and records its victims, offenders, places, links and a clue', async () => {
  const { page, requests } = await recordedPage(hub.browser);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await firstAdminSignIn(page, hub.server, 'series workspace pass phrase');
  const exhibit = await uploadToNewCase(page, 'WS-1', [at('yard.png')]);
  const results = await apiCall(page, 'GET', `/api/v1/exhibits/${exhibit}/scan-results?limit=10`);
  const mediaId = results.body.items[0].mediaId as number;
  const series = await apiCall(page, 'POST', '/api/v1/series', { reference: 'WS-S1', title: 'Yard series' });
  assert.equal(series.status, 201, JSON.stringify(series.body));
  await apiCall(page, 'POST', '/api/v1/series', { reference: 'WS-S0', title: 'Earlier yard series' });
  const member = await apiCall(page, 'POST', `/api/v1/series/${series.body.id}/media`, { mediaIds: [mediaId] });
  assert.ok(member.status < 300, JSON.stringify(member.body));
  await uploadToNewCase(page, 'WS-2', [at('yard-turned.png')], 'phone-2');

  await page.getByRole('link', { name: 'Series', exact: true }).click();
  await page.getByRole('link', { name: 'WS-S1' }).click();
  const matches = page.getByTestId('series-matches');
  await matches.getByRole('heading', { name: 'Matches awaiting a verdict (1)' }).waitFor();
  const card = matches.getByTestId('match');
  assert.match((await card.textContent()) ?? '', /pdq: \d+ bits? apart/);
  assert.equal(await card.locator('img').count(), 2, 'both items side by side');
  await card.getByRole('button', { name: 'Confirm' }).click();
  await matches.getByText('No match of this series awaits a verdict.').waitFor();

  const victims = page.getByTestId('series-victims');
  await victims.getByLabel('Reference (never a name)').fill('V-WS-1');
  await victims.getByRole('button', { name: 'Add victim' }).click();
  await victims.getByText(/V-WS-1 · not identified/).waitFor();
  const offenders = page.getByTestId('series-offenders');
  await offenders.getByLabel('Reference (never a name)').fill('O-WS-1');
  await offenders.getByLabel('Identified').check();
  await offenders.getByRole('button', { name: 'Add offender' }).click();
  await offenders.getByText(/O-WS-1 · identified .* by this agency/).waitFor();

  const places = page.getByTestId('series-places');
  await places.getByLabel('Place', { exact: true }).fill('Harbour warehouse');
  await places.getByLabel('Country (2 letters)').fill('no');
  await places.getByLabel('Latitude').fill('59.9');
  await places.getByLabel('Longitude').fill('10.75');
  await places.getByRole('button', { name: 'Add place' }).click();
  await places.getByText('Harbour warehouse · NO · 59.90000, 10.75000').waitFor();

  const links = page.getByTestId('series-links');
  await links.getByRole('combobox', { name: /^Series/ }).selectOption({ label: 'WS-S0 — Earlier yard series' });
  await links.getByRole('combobox', { name: /^Relation/ }).selectOption('continues');
  await links.getByRole('button', { name: 'Link series' }).click();
  await links.getByRole('link', { name: 'WS-S0 — Earlier yard series' }).waitFor();

  // A clue: pick the item, drag a box over its left half, name it.
  const clues = page.getByTestId('series-clues');
  await clues.getByRole('button', { name: `Mark a clue on media #${mediaId}` }).click();
  const picture = clues.getByTestId('clue-canvas').locator('img');
  await picture.waitFor();
  // Runs in the page (a string: this project's type-check has no DOM library).
  await page.waitForFunction(
    `(() => { const img = document.querySelector('[data-testid="clue-canvas"] img'); return !!img && img.complete && img.naturalWidth > 0; })()`,
  );
  // In view first: the mouse only reaches what is on screen.
  await picture.scrollIntoViewIfNeeded();
  const box = await picture.boundingBox();
  assert.ok(box, 'the picture is shown');
  await page.mouse.move(box.x + 1, box.y + 1);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 4, box.y + box.height / 4, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  // The box is said once the page has drawn the last pointer event (frames later on a busy machine).
  await clues
    .getByTestId('clue-crop')
    .getByText(/box at/)
    .waitFor();
  const said = (await clues.getByTestId('clue-crop').textContent()) ?? '';
  const [, x, y, w, h] = (/box at (\d+), (\d+), (\d+) × (\d+) px/.exec(said) ?? []).map(Number);
  assert.ok(x <= 2 && y <= 2, `the box starts at the top left (${said})`);
  assert.ok(
    Math.abs(w - W / 2) <= 3 && Math.abs(h - H / 2) <= 3,
    `and covers the top-left quarter in the item's pixels (${said})`,
  );
  await clues.getByRole('combobox', { name: /^Kind/ }).selectOption('logo');
  await clues.getByLabel('What it is').fill('A shop sign with a blue anchor');
  await clues.getByRole('button', { name: 'Save clue' }).click();
  const clue = clues.getByTestId('clue');
  await clue.getByText('A shop sign with a blue anchor').waitFor();
  assert.match((await clue.textContent()) ?? '', /^Logo: A shop sign with a blue anchor/);
  assert.equal(await clue.locator('.crop-box').count(), 1, 'its box is drawn over the item');

  // All of it is on the record, and the links graph knows the series continues the other one.
  const listed = await apiCall(page, 'GET', `/api/v1/links?record=series:${series.body.id}&kind=clue`);
  assert.equal(listed.body.total, 1);

  // The place on the world map opens its own page: position, and the series linked to it.
  await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Links' }).click();
  await page.getByRole('link', { name: 'Map' }).click();
  const place = page.getByTestId('world-map').locator('circle[data-kind="place"]');
  await place.first().waitFor();
  await place.first().focus();
  await page.getByTestId('map-details').getByRole('link', { name: 'Open' }).click();
  await page.getByRole('heading', { name: 'Harbour warehouse' }).waitFor();
  assert.match(page.url(), /\/places\/\d+$/);
  assert.match((await page.getByTestId('place-facts').textContent()) ?? '', /NO.*59\.90000, 10\.75000/);
  await page.getByTestId('place-links').getByRole('link', { name: 'WS-S1 — Yard series' }).click();
  await page.getByRole('heading', { name: 'WS-S1 — Yard series' }).waitFor();
  assert.deepEqual(offMachine(requests, hub.server.base), [], 'no request leaves the machine');
});
