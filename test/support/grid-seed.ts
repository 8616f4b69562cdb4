/**
 * The 10,000-item exhibit the review-grid e2e tests start from: the first admin signed in (1280 ×
 * 900), a case and an exhibit made through the API, and the exhibit's media seeded straight into
 * the hub's database (generated hashes, one shared blurred-by-the-server thumbnail, every seventh
 * item new, the rest known). Also the helpers those tests share: the measured fling, and polling
 * from node (the app's CSP refuses page.waitForFunction's string eval).
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { openBlobStores } from '../../src/storage/blob-store.js';
import { SQLITE_FILE_NAME } from '../../src/storage/database.config.js';
import { createDatabase } from '../../src/storage/database.js';
import { recordedPage } from './browser.js';
import { type E2eHub, firstAdminSignIn } from './e2e-hub.js';
import { apiCall } from './e2e-steps.js';

export const ITEMS = 10_000;

export interface SeededGrid {
  /** The signed-in admin's page and every URL it asked for. */
  signedIn: Awaited<ReturnType<typeof recordedPage>>;
  exhibitId: number;
  /** The seeded media ids, in seeding order (item n is `grid/<n>.png`). */
  seeded: number[];
}

/** Signs the first admin in, makes a case and an exhibit, and seeds the exhibit with 10,000 items. */
export async function seedGrid(hub: E2eHub): Promise<SeededGrid> {
  const signedIn = await recordedPage(hub.browser);
  const { page } = signedIn;
  await page.setViewportSize({ width: 1280, height: 900 });
  await firstAdminSignIn(page, hub.server, 'grid review pass phrase');
  const session = (await apiCall(page, 'GET', '/api/v1/auth/session')).body;
  const kase = await apiCall(page, 'POST', '/api/v1/cases', { reference: 'GRID-1', title: 'Grid' });
  const exhibit = await apiCall(page, 'POST', `/api/v1/cases/${kase.body.id}/exhibits`, { label: 'bulk' });
  assert.equal(exhibit.status, 201, JSON.stringify(exhibit.body));
  const seeded = await seed(hub, exhibit.body.id, session.user.agencyId);
  return { signedIn, exhibitId: exhibit.body.id, seeded };
}

/** 10,000 media, each sighted and scanned in the exhibit, all sharing one stored thumbnail; their ids. */
async function seed(hub: E2eHub, exhibitId: number, agencyId: number): Promise<number[]> {
  const ids: number[] = [];
  const dataDir = join(hub.dir, 'data');
  const thumb = await sharp({ create: { width: 120, height: 96, channels: 3, background: '#6b8e9f' } })
    .webp()
    .toBuffer();
  const { sha256: blob } = await (await openBlobStores(dataDir)).thumbnails.put(thumb);
  const database = await createDatabase({ dialect: 'sqlite', file: join(dataDir, SQLITE_FILE_NAME) });
  try {
    const now = Date.now();
    const hex = (n: number) => randomBytes(n).toString('hex');
    await database.db.transaction().execute(async (trx) => {
      for (let start = 0; start < ITEMS; start += 500) {
        const media = Array.from({ length: 500 }, (_, i) => ({
          sha256: createHash('sha256')
            .update(`grid-${start + i}-${hex(4)}`)
            .digest('hex'),
          md5: hex(16),
          sha1: hex(20),
          size: 1000 + start + i,
          mime: 'image/png',
          created_at: now,
        }));
        const rows = await trx.insertInto('media').values(media).returning(['id', 'sha256']).execute();
        ids.push(...rows.map((r) => r.id));
        await trx
          .insertInto('media_thumbnails')
          .values(rows.map((r) => ({ media_id: r.id, blob_sha256: blob, mime: 'image/webp', width: 120, height: 96 })))
          .execute();
        await trx
          .insertInto('sightings')
          .values(
            rows.map((r, i) => ({
              media_id: r.id,
              exhibit_id: exhibitId,
              agency_id: agencyId,
              path: `grid/${start + i}.png`,
              seen_at: now,
            })),
          )
          .execute();
        await trx
          .insertInto('scan_files')
          .values(
            rows.map((r, i) => ({
              exhibit_id: exhibitId,
              agency_id: agencyId,
              path: `grid/${start + i}.png`,
              status: (start + i) % 7 === 0 ? 'new' : 'known',
              reasons: '[]',
              media_id: r.id,
              sha256: r.sha256,
              size: 1000,
              scanned_at: now,
            })),
          )
          .execute();
      }
    });
  } finally {
    await database.destroy();
  }
  return ids;
}

/**
 * 240 frames of a brisk fling (200 px a frame), timed with requestAnimationFrame in the page (a
 * string: this project's type-check has no DOM library); the first interval is dropped.
 */
export async function fling(page: Page): Promise<{ count: number; avg: number; p95: number; scrolled: number }> {
  const frames = (await page.evaluate(`(async () => {
    const box = document.querySelector('[data-testid="review-grid"]');
    const times = [];
    let last = performance.now();
    for (let i = 0; i < 240; i++) {
      await new Promise((done) => requestAnimationFrame((t) => {
        times.push(t - last);
        last = t;
        box.scrollTop += 200;
        done();
      }));
    }
    return { times: times.slice(1), scrolled: box.scrollTop };
  })()`)) as { times: number[]; scrolled: number };
  const sorted = [...frames.times].sort((a, b) => a - b);
  const avg = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  return { count: sorted.length, avg, p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0, scrolled: frames.scrolled };
}

/** Polls `check` from node (the app's CSP refuses page.waitForFunction's string eval) until it holds. */
export async function until(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  for (const started = Date.now(); !(await check()); ) {
    assert.ok(Date.now() - started < ms, `not within ${ms} ms: ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** Waits until the page's path is `path` (the app moves between pages without a load). */
export function untilPath(page: Page, path: string): Promise<void> {
  return until(async () => new URL(page.url()).pathname === path, `the page is at ${path} (at ${page.url()})`);
}
