/**
 * The Links page in a real browser against a real `vigil serve`: two cases hold the same picture
 * and pictures from one camera (same body serial, with GPS positions). The graph joins the two
 * cases by the shared media and by the camera serial, a tap on a case node opens the case, and
 * the map draws the world's countries and the two GPS points — with no request leaving the
 * machine (the atlas is bundled, there are no tiles).
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { ExifTool } from 'exiftool-vendored';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { offMachine, recordedPage } from '../support/browser.js';
import { type E2eHub, firstAdminSignIn, startE2eHub } from '../support/e2e-hub.js';
import { blobs } from '../support/patterns.js';

let hub: E2eHub;
let files = '';
const SERIAL = 'SN-LINKS-0042';

async function picture(name: string, seed: number, gps?: { lat: number; lon: number }) {
  const px = blobs(200, 150, seed);
  const path = join(files, name);
  await sharp(Buffer.from(px.data), { raw: { width: px.width, height: px.height, channels: px.channels } })
    .jpeg()
    .withExif({ IFD0: { Make: 'Vigil Test', Model: 'Pattern Cam' }, IFD2: { BodySerialNumber: SERIAL } })
    .toFile(path);
  return { path, gps };
}

before(async () => {
  hub = await startE2eHub();
  files = join(hub.dir, 'seized');
  mkdirSync(files);
  const px = blobs(160, 120, 77);
  writeFileSync(
    join(files, 'shared.png'),
    await sharp(Buffer.from(px.data), { raw: { width: px.width, height: px.height, channels: px.channels } })
      .png()
      .toBuffer(),
  );
  const tool = new ExifTool({ maxProcs: 1 });
  try {
    for (const p of [
      await picture('camera-a.jpg', 81, { lat: 59.91, lon: 10.75 }),
      await picture('camera-b.jpg', 82, { lat: -33.92, lon: 18.42 }),
    ]) {
      if (!p.gps) continue;
      await tool.write(
        p.path,
        {
          GPSLatitude: Math.abs(p.gps.lat),
          GPSLatitudeRef: p.gps.lat < 0 ? 'S' : 'N',
          GPSLongitude: Math.abs(p.gps.lon),
          GPSLongitudeRef: p.gps.lon < 0 ? 'W' : 'E',
        },
        { writeArgs: ['-overwrite_original'] },
      );
    }
  } finally {
    await tool.end();
  }
});
after(() => hub?.close());

/** Opens a case with one exhibit and uploads the files; waits for their triage. */
async function caseWith(page: Page, reference: string, names: string[]) {
  await page.getByRole('link', { name: 'Cases' }).click();
  await page.getByLabel('Reference', { exact: true }).fill(reference);
  await page.getByLabel('Title', { exact: true }).fill(`Seizure ${reference}`);
  await page.getByRole('button', { name: 'Open case' }).click();
  await page.getByRole('heading', { name: new RegExp(reference) }).waitFor();
  await page.getByLabel('Label (e.g. laptop-1)').fill(`${reference}-disk`);
  await page.getByRole('button', { name: 'Add exhibit' }).click();
  await page.getByRole('heading', { name: `${reference}-disk` }).waitFor();
  await page.getByLabel('Files', { exact: true }).setInputFiles(names.map((f) => join(files, f)));
  await page
    .getByTestId('triage')
    .locator('tbody tr')
    .nth(names.length - 1)
    .waitFor({ timeout: 60_000 });
}

it('joins two cases by shared media and a camera serial, opens a node, and maps the GPS points', async () => {
  const { page, requests } = await recordedPage(hub.browser);
  await firstAdminSignIn(page, hub.server, 'links page pass phrase');
  await caseWith(page, 'OP-LINK-A', ['shared.png', 'camera-a.jpg']);
  await caseWith(page, 'OP-LINK-B', ['shared.png', 'camera-b.jpg']);

  await page.getByRole('link', { name: 'Links' }).click();
  const connections = page.getByTestId('connections');
  const shared = connections.locator('li[data-kind="shared-media"]');
  await shared.first().waitFor();
  assert.equal(await shared.count(), 1, 'one shared-media connection');
  assert.match((await shared.textContent()) ?? '', /OP-LINK-(A|B).*OP-LINK-(B|A).*shared media \(1\)/);
  const camera = connections.locator('li[data-kind="camera"]');
  assert.equal(await camera.count(), 2, 'each case joins the camera serial');
  const cameraTexts = (await camera.allTextContents()).sort();
  assert.match(cameraTexts[0] ?? '', new RegExp(`OP-LINK-A.*${SERIAL}|${SERIAL}.*OP-LINK-A`));
  assert.match(cameraTexts[1] ?? '', new RegExp(`OP-LINK-B.*${SERIAL}|${SERIAL}.*OP-LINK-B`));

  // The drawing: cytoscape on a canvas; tap the first case's node where it was drawn.
  const canvas = page.getByTestId('graph-canvas');
  await page.locator('[data-testid="graph-canvas"][data-ready="true"]').waitFor();
  assert.ok((await canvas.locator('canvas').count()) > 0, 'cytoscape drew on a canvas');
  const positions = JSON.parse((await canvas.getAttribute('data-positions')) ?? '{}') as Record<string, number[]>;
  const caseNode = Object.keys(positions).find((id) => id.startsWith('case:'));
  assert.ok(caseNode, `a case node is drawn: ${Object.keys(positions).join(', ')}`);
  const [x, y] = positions[caseNode] as [number, number];
  await canvas.click({ position: { x, y } });
  await page.waitForURL(new RegExp(`/cases/${caseNode.slice('case:'.length)}$`));

  // The kind filter hides camera serials and their connections.
  await page.getByRole('link', { name: 'Links' }).click();
  await shared.first().waitFor();
  await page.getByLabel('Camera serials').uncheck();
  await camera.first().waitFor({ state: 'detached' });
  assert.equal(await shared.count(), 1);

  await page.getByRole('link', { name: 'Map' }).click();
  const map = page.getByTestId('world-map');
  // The tab shown is the one marked current (the router's own path test had marked Graph always).
  const tabs = page.getByRole('navigation', { name: 'Links' });
  assert.equal(await tabs.getByRole('link', { name: 'Map' }).getAttribute('aria-current'), 'page');
  assert.equal(await tabs.getByRole('link', { name: 'Graph' }).getAttribute('aria-current'), null);
  await page.locator('[data-testid="world-map"]:not([data-countries="0"])').waitFor();
  assert.ok(Number(await map.getAttribute('data-countries')) > 100, 'the countries of the world are drawn');
  const points = map.locator('circle[data-kind="media"]');
  assert.equal(await points.count(), 2);
  assert.match((await page.getByTestId('map-summary').textContent()) ?? '', /2 media with a GPS position/);
  await points.first().hover();
  assert.match((await page.getByTestId('map-details').textContent()) ?? '', /^Media: #\d+/);

  // In Arabic the page lays out right to left and keeps its drawing.
  await page.getByLabel('Language').selectOption('ar');
  await page.getByRole('heading', { name: 'الروابط' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await map.locator('circle[data-kind="media"]').count(), 2);
  const summary = (await page.getByTestId('map-summary').textContent()) ?? '';
  assert.match(summary, /وسيطان بموقع GPS/, `two media in the Arabic dual form: ${summary}`);
  await page.getByRole('link', { name: 'المخطط' }).click();
  await connections.locator('li[data-kind="shared-media"]', { hasText: 'وسائط مشتركة' }).waitFor();

  assert.deepEqual(offMachine(requests, hub.server.base), [], 'no request leaves the machine');
});
