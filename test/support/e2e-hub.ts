/**
 * What every browser test starts from: the built web app, a real `vigil serve` with a fresh
 * embedded database, a Chromium, and the first admin signed in with a password of their own.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { WEB_ROOT } from '../../src/http/routes/web.routes.js';
import { launchBrowser } from './browser.js';
import { firstSignIn } from './e2e-steps.js';
import { type ServeProcess, startServe } from './serve-process.js';

export interface E2eHub {
  server: ServeProcess;
  browser: Browser;
  /** A scratch folder removed by close(). */
  dir: string;
  close(): Promise<void>;
}

export async function startE2eHub(): Promise<E2eHub> {
  assert.ok(existsSync(join(WEB_ROOT, 'index.html')), 'the web app is not built: npm run build (npm test builds it)');
  const dir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
  const server = await startServe(join(dir, 'data'), { DATABASE_URL: '' });
  const browser = await launchBrowser();
  return {
    server,
    browser,
    dir,
    async close() {
      await browser.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in as `admin` with the printed one-time password and replaces it; ends on the dashboard. */
export async function firstAdminSignIn(page: Page, server: ServeProcess, newPassword: string): Promise<void> {
  const oneTime = server.firstPassword();
  assert.ok(oneTime, 'the server printed no one-time password');
  await firstSignIn(page, server.base, 'admin', oneTime, newPassword);
}
