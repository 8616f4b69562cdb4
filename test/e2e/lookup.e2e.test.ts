/**
 * The lookup page in a real browser against a real `vigil serve`: a generated picture is uploaded
 * and put in a series with an identified victim. Pasted hashes come back as known (its SHA-256,
 * with the series and "identified"), near-duplicate with the distance (its PDQ with 5 bits
 * flipped) and not known (a made-up MD5); an image dropped on the page that was never seen is not
 * known, and the same picture chosen with the file input is known. No request leaves the machine.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { flipBits } from '../http/lookup-world.js';
import { offMachine, recordedPage } from '../support/browser.js';
import { type E2eHub, firstAdminSignIn, startE2eHub } from '../support/e2e-hub.js';
import { apiCall, uploadToNewCase } from '../support/e2e-steps.js';
import { blobs } from '../support/patterns.js';

let hub: E2eHub;
const at = (name: string) => join(hub.dir, name);

before(async () => {
  hub = await startE2eHub();
  for (const [name, seed] of [
    ['harbour.png', 31],
    ['never-seen.png', 32],
  ] as const) {
    const px = blobs(240, 180, seed);
    writeFileSync(
      at(name),
      await sharp(Buffer.from(px.data), { raw: { width: px.width, height: px.height, channels: px.channels } })
        .png()
        .toBuffer(),
    );
  }
});
after(() => hub?.close());

/** How the page names each hash type (as in its "Read 64-digit hashes as" choice). */
const TYPE_NAMES: Record<string, string> = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', pdq: 'PDQ' };

/** The result row of one looked-up hash (by the hub's type code): its verdict, and the text of its cells. */
async function row(page: Page, type: string, value: string) {
  const tr = page.locator('table.results tbody tr', { has: page.locator('code', { hasText: value }) }).filter({
    has: page.locator('.tag', { hasText: new RegExp(`^${TYPE_NAMES[type] ?? type}$`) }),
  });
  await tr.waitFor();
  return { verdict: await tr.getAttribute('data-verdict'), cells: await tr.locator('td').allTextContents() };
}

/** Drops a file on the drop area the way a browser does: a drop event carrying a DataTransfer. */
async function dropFile(page: Page, path: string, name: string) {
  const bytes = readFileSync(path).toString('base64');
  await page.getByRole('region', { name: 'Drop an image here, or choose one' }).evaluate(
    (area, { bytes, name }) => {
      // Browser globals, typed here only as far as used (this file compiles without the DOM library).
      const w = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        DragEvent: new (type: string, init: object) => unknown;
        File: new (parts: unknown[], name: string, options: object) => unknown;
        atob(data: string): string;
      };
      const data = Uint8Array.from(w.atob(bytes), (c) => c.charCodeAt(0));
      const transfer = new w.DataTransfer();
      transfer.items.add(new w.File([data], name, { type: 'image/png' }));
      for (const type of ['dragover', 'drop']) {
        area.dispatchEvent(
          new w.DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }) as Parameters<
            typeof area.dispatchEvent
          >[0],
        );
      }
    },
    { bytes, name },
  );
}

it('answers pasted hashes as known, near-duplicate with its distance, or not known, and looks up images', async () => {
  const { page, requests } = await recordedPage(hub.browser);
  await firstAdminSignIn(page, hub.server, 'lookup page pass phrase');
  const exhibit = await uploadToNewCase(page, 'LK-1', [at('harbour.png')]);
  const results = await apiCall(page, 'GET', `/api/v1/exhibits/${exhibit}/scan-results?limit=10`);
  const mediaId = results.body.items[0].mediaId as number;
  const media = await apiCall(page, 'GET', `/api/v1/media/${mediaId}`);
  const sha256 = media.body.sha256 as string;
  const pdq = (media.body.signals as Array<{ type: string; value: string }>).find((s) => s.type === 'pdq')?.value;
  assert.ok(pdq, 'the picture has a PDQ hash');
  const series = await apiCall(page, 'POST', '/api/v1/series', { reference: 'LK-S1', title: 'Harbour series' });
  assert.equal(series.status, 201, JSON.stringify(series.body));
  await apiCall(page, 'POST', `/api/v1/series/${series.body.id}/media`, { mediaIds: [mediaId] });
  const victim = await apiCall(page, 'POST', '/api/v1/victims', {
    reference: 'V-LK-1',
    seriesIds: [series.body.id],
    identified: {},
  });
  assert.equal(victim.status, 201, JSON.stringify(victim.body));

  await page.getByRole('link', { name: 'Lookup' }).click();
  const near = flipBits(pdq, 5);
  const unknown = 'd41d8cd98f00b204e9800998ecf8427e';
  await page.getByLabel('Hashes (MD5, SHA-1, SHA-256 or PDQ), any separator').fill(`${sha256}\n${near}, ${unknown}`);
  await page.getByLabel('Read 64-digit hashes as').selectOption('both');
  await page.getByRole('button', { name: 'Look up' }).click();

  const exact = await row(page, 'sha256', sha256);
  assert.equal(exact.verdict, 'known');
  assert.match(exact.cells[2] ?? '', /LK-S1 Harbour series/);
  assert.match(exact.cells[4] ?? '', /Identified \(1 of 1\)/);
  const nearRow = await row(page, 'pdq', near);
  assert.equal(nearRow.verdict, 'near');
  assert.match(nearRow.cells[1] ?? '', /Near-duplicate \(distance 5\)/);
  assert.match(nearRow.cells[2] ?? '', /LK-S1/);
  assert.equal((await row(page, 'sha256', near)).verdict, 'not-known', 'the PDQ read as SHA-256 is not known');
  const missing = await row(page, 'md5', unknown);
  assert.equal(missing.verdict, 'not-known');
  assert.match(missing.cells[1] ?? '', /Not known/);

  await dropFile(page, at('never-seen.png'), 'never-seen.png');
  // The five rows of the pasted hashes give way to the four of the image (md5, sha1, sha256, pdq).
  await page.locator('table.results tbody tr').nth(4).waitFor({ state: 'detached' });
  const dropped = await page
    .locator('table.results tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => ({ type: tr.querySelector('.tag')?.textContent, verdict: tr.getAttribute('data-verdict') })),
    );
  assert.equal(dropped.map((d) => d.type).join(','), 'MD5,SHA-1,SHA-256,PDQ');
  assert.ok(
    dropped.every((d) => d.verdict === 'not-known'),
    `a never-seen picture is not known: ${JSON.stringify(dropped)}`,
  );

  await page.getByLabel('Choose an image').setInputFiles(at('harbour.png'));
  const chosen = await row(page, 'sha256', sha256);
  assert.equal(chosen.verdict, 'known');
  assert.match(chosen.cells[4] ?? '', /Identified/);
  const chosenPdq = await row(page, 'pdq', pdq);
  assert.equal(chosenPdq.verdict, 'known');
  // The same picture chosen again is looked up again (the input used to keep the choice: no change, no lookup).
  const asked = () => requests.filter((url) => url.includes('/lookup/image')).length;
  const before = asked();
  await page.getByLabel('Choose an image').setInputFiles(at('harbour.png'));
  for (let i = 0; i < 100 && asked() === before; i++) await page.waitForTimeout(50);
  assert.equal(asked(), before + 1, 'a second lookup of the same picture');

  assert.deepEqual(offMachine(requests, hub.server.base), [], 'no request left the machine');
});
