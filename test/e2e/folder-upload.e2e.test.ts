/**
 * Uploading folders in a real browser against a real `vigil serve`: a seized folder with
 * sub-folders goes up through the folder input, each file under its path in the folder, with a
 * bar for each file in flight (uploads slowed to be seen); then files dropped on the upload area
 * go up too (the drop is walked by its entries). Each file goes up in several chunks through a
 * resumable upload session (the chunk size lowered for the test); a session that ends while a file
 * is going up shows the sign-in page. No request leaves the machine.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { offMachine, recordedPage } from '../support/browser.js';
import { type E2eHub, firstAdminSignIn, startE2eHub } from '../support/e2e-hub.js';
import { blobs } from '../support/patterns.js';

let hub: E2eHub;
const at = (...parts: string[]) => join(hub.dir, ...parts);

/** A generated picture: coloured blobs with seeded noise, so PNG cannot shrink it much (~200 KB). */
async function picture(path: string, seed: number) {
  const px = blobs(300, 240, seed);
  const data = Buffer.from(px.data);
  let state = seed * 7919;
  for (let i = 0; i < data.length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    data[i] = (data[i] as number) ^ (state & 0x3f);
  }
  writeFileSync(
    path,
    await sharp(data, { raw: { width: px.width, height: px.height, channels: px.channels } })
      .png()
      .toBuffer(),
  );
}

before(async () => {
  hub = await startE2eHub();
  mkdirSync(at('seized', 'phone', 'dcim'), { recursive: true });
  mkdirSync(at('seized', 'laptop'), { recursive: true });
  mkdirSync(at('loose'));
  await picture(at('seized', 'phone', 'dcim', 'img-1.png'), 11);
  await picture(at('seized', 'phone', 'dcim', 'img-2.png'), 12);
  await picture(at('seized', 'phone', 'img-3.png'), 13);
  await picture(at('seized', 'laptop', 'img-4.png'), 14);
  await picture(at('loose', 'dropped-1.png'), 15);
  await picture(at('loose', 'dropped-2.png'), 16);
  await picture(at('loose', 'late.png'), 17);
});
after(() => hub?.close());

/** Drops files on the upload area the way a browser does: a drop event carrying a DataTransfer. */
async function dropFiles(page: Page, paths: string[]) {
  const files = paths.map((p) => ({ name: p.split('/').pop() ?? p, bytes: readFileSync(p).toString('base64') }));
  await page
    .getByRole('region', { name: 'Drop files here, or choose files or a whole folder.' })
    .evaluate((area, files) => {
      // Browser globals, typed here only as far as used (this file compiles without the DOM library).
      const w = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        DragEvent: new (type: string, init: object) => unknown;
        File: new (parts: unknown[], name: string, options: object) => unknown;
        atob(data: string): string;
      };
      const transfer = new w.DataTransfer();
      for (const f of files) {
        const data = Uint8Array.from(w.atob(f.bytes), (c) => c.charCodeAt(0));
        transfer.items.add(new w.File([data], f.name, { type: 'image/png' }));
      }
      for (const type of ['dragover', 'drop']) {
        area.dispatchEvent(
          new w.DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }) as Parameters<
            typeof area.dispatchEvent
          >[0],
        );
      }
    }, files);
}

it('uploads a folder with its sub-folders, a bar per file in flight, and dropped files', async () => {
  const { page, requests } = await recordedPage(hub.browser);
  // 64 KiB chunks (instead of 8 MiB): each ~200 KB picture goes up in several resumable chunks.
  await page.addInitScript(() => {
    (globalThis as { vigilUploadChunkBytes?: number }).vigilUploadChunkBytes = 64 * 1024;
  });
  await firstAdminSignIn(page, hub.server, 'folder upload pass phrase');
  await page.getByRole('link', { name: 'Cases' }).click();
  await page.getByLabel('Reference', { exact: true }).fill('FOLD-1');
  await page.getByLabel('Title', { exact: true }).fill('Case FOLD-1');
  await page.getByRole('button', { name: 'Open case' }).click();
  await page.getByRole('heading', { name: /FOLD-1/ }).waitFor();
  await page.getByLabel('Label (e.g. laptop-1)').fill('seized-folder');
  await page.getByRole('button', { name: 'Add exhibit' }).click();
  await page.getByRole('heading', { name: 'seized-folder' }).waitFor();

  // Slow uploads down (about 150 KB/s) so that files are seen in flight, each with its own bar.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 150_000,
  });
  await page.getByLabel('Folder', { exact: true }).setInputFiles(at('seized'));
  const flying = page.getByTestId('in-flight').locator('li');
  await flying.first().waitFor();
  const paths = await flying.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-path')));
  assert.ok(paths.length >= 2, `several files in flight at once: ${paths.join(', ')}`);
  for (const p of paths) assert.match(p ?? '', /^seized\/(phone|laptop)\//, 'in flight under its path in the folder');
  assert.equal(await flying.first().locator('progress').count(), 1, 'a bar of its own');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });

  const triage = page.getByTestId('triage');
  await triage.locator('tbody tr').nth(3).waitFor({ timeout: 60_000 });
  // Paths in the exhibit: the upload batch, then the file's place in the folder.
  const inFolder = (path: string) => path.replace(/^uploads\/[0-9a-f]+\//, '');
  const listed = (await triage.locator('tbody tr code').allTextContents()).map(inFolder).sort();
  assert.deepEqual(listed, [
    'seized/laptop/img-4.png',
    'seized/phone/dcim/img-1.png',
    'seized/phone/dcim/img-2.png',
    'seized/phone/img-3.png',
  ]);
  await page.getByTestId('in-flight').waitFor({ state: 'detached' });

  await dropFiles(page, [at('loose', 'dropped-1.png'), at('loose', 'dropped-2.png')]);
  await triage.locator('tbody tr').nth(5).waitFor({ timeout: 60_000 });
  const all = (await triage.locator('tbody tr code').allTextContents()).map(inFolder);
  assert.ok(all.includes('dropped-1.png') && all.includes('dropped-2.png'), all.join(', '));

  const chunks = requests.filter((url) => /\/api\/v1\/upload-sessions\/[0-9a-f]{32}$/.test(url));
  assert.ok(chunks.length >= 6 * 3, `each file in several chunks through its session: ${chunks.length} requests`);
  assert.ok(!requests.some((url) => /\/exhibits\/\d+\/uploads$/.test(url)), 'no one-shot multipart upload');

  // The session ends on the hub (signed out in another tab) while a file is going up: its next
  // chunk is answered 401, and the page shows the sign-in page saying why, not a failed file.
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 50_000,
  });
  await dropFiles(page, [at('loose', 'late.png')]);
  await page.getByTestId('in-flight').locator('li').first().waitFor();
  const otherTab = await page.context().newPage();
  await otherTab.goto(`${hub.server.base}/`);
  await otherTab.getByRole('button', { name: 'Sign out' }).click();
  await otherTab.getByLabel('Username').waitFor();
  await otherTab.close();
  await page.getByRole('alert').getByText('Your session has ended. Please sign in again.').waitFor();
  assert.deepEqual(offMachine(requests, hub.server.base), [], 'no request leaves the machine');
});
