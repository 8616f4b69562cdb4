/**
 * A video under review in a real browser against a real `vigil serve`: after the upload, its media
 * page shows the stills and fetches nothing of the video until the reviewer presses play; then
 * Chromium plays the original from the audited content route, muted and blurred, clear once
 * revealed; a still starts the video at its moment; the play is a counted view of the content.
 * No request leaves the machine.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Page } from 'playwright-core';
import { offMachine, recordedPage } from '../support/browser.js';
import { type E2eHub, firstAdminSignIn, startE2eHub } from '../support/e2e-hub.js';
import { apiCall, uploadToNewCase } from '../support/e2e-steps.js';
import { makeVideo, transcode } from '../support/generated-videos.js';

let hub: E2eHub;
let clip = '';

/**
 * Waits until `expression` holds in the page, asking every 50 ms (page.evaluate runs outside the
 * page's script policy, which forbids the eval that waitForFunction with a text would need).
 */
async function until(page: Page, expression: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > end) throw new Error(`still not true after ${ms} ms: ${expression}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

before(async () => {
  hub = await startE2eHub();
  // VP8 in WebM: a codec every Chromium build plays.
  const source = makeVideo(`${hub.dir}/source.mp4`, { seconds: 6, width: 320, height: 240 });
  clip = transcode(source, `${hub.dir}/clip.webm`, ['-c:v', 'libvpx', '-b:v', '400k', '-an']);
});
after(() => hub?.close());

it('plays a video only when asked, muted and blurred until revealed, and from a still’s moment', async () => {
  const { page, requests } = await recordedPage(hub.browser);
  await firstAdminSignIn(page, hub.server, 'video review pass phrase');
  const exhibit = await uploadToNewCase(page, 'VID-1', [clip]);
  const results = await apiCall(page, 'GET', `/api/v1/exhibits/${exhibit}/scan-results?limit=10`);
  const mediaId = results.body.items[0].mediaId as number;
  await page.goto(`${hub.server.base}/media/${mediaId}`);
  await page.getByRole('heading', { name: `Media #${mediaId}` }).waitFor();
  const stills = page.getByRole('region', { name: 'Stills' }).getByRole('button');
  await stills.first().waitFor();
  assert.ok((await stills.count()) >= 2, 'a strip of stills');
  // The details keep to the window: the SHA-256 wraps instead of widening the page past it.
  assert.ok(await page.evaluate('document.documentElement.scrollWidth <= innerWidth'), 'no sideways scroll');
  const exposure = async () => (await apiCall(page, 'GET', '/api/v1/me/exposure')).body.items as number;
  const before = await exposure();
  assert.equal(await page.getByTestId('viewer-video').count(), 0, 'no player before play');
  assert.ok(!requests.some((r) => r.includes('/content')), 'nothing of the video fetched before play');

  await page.getByRole('button', { name: 'Play the video (muted)' }).click();
  const video = page.getByTestId('viewer-video');
  await video.waitFor();
  // Runs in the page (a string: this project's type-check has no DOM library).
  await until(page, `document.querySelector('[data-testid="viewer-video"]').readyState >= 2`);
  const state = async () =>
    (await page.evaluate(`(() => {
      const v = document.querySelector('[data-testid="viewer-video"]');
      return { muted: v.muted, filter: getComputedStyle(v).filter, time: v.currentTime, width: v.videoWidth };
    })()`)) as { muted: boolean; filter: string; time: number; width: number };
  const playing = await state();
  assert.equal(playing.width, 320, 'Chromium decoded the original served by the content route');
  assert.equal(playing.muted, true, 'muted by default');
  assert.match(playing.filter, /blur/, 'blurred until revealed');
  assert.equal(await exposure(), before + 1, 'the play is a view of the content, counted');

  await page.getByRole('button', { name: 'Reveal' }).click();
  assert.equal((await state()).filter, 'none', 'clear once revealed');

  const last = stills.last();
  const seconds = Number(/Play from (\d+) s/.exec((await last.getAttribute('title')) ?? '')?.[1]);
  assert.ok(seconds >= 2, `the last still is some way in (${seconds} s)`);
  await page.evaluate(`document.querySelector('[data-testid="viewer-video"]').pause()`);
  await last.click();
  await until(page, `Math.abs(document.querySelector('[data-testid="viewer-video"]').currentTime - ${seconds}) < 1.5`);
  assert.deepEqual(offMachine(requests, hub.server.base), [], 'no request leaves the machine');
});
