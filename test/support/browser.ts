/**
 * A real browser for end-to-end tests: Debian's `chromium` driven by playwright-core (nothing
 * downloaded). Every request the page makes is recorded, so tests can assert that none leaves
 * the machine.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium';

export interface LaunchOptions {
  /**
   * Vsync and the frame-rate limit off: frames follow each other as soon as each is drawn, so an
   * average frame interval is what a frame costs (at 60 Hz it can never be under 16.7 ms).
   */
  uncappedFrames?: boolean;
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set VIGIL_CHROMIUM); .ci/run installs it.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
      ...(options.uncappedFrames ? ['--disable-gpu-vsync', '--disable-frame-rate-limit'] : []),
    ],
  });
}

/** A page whose every request URL is kept in `requests`. */
export async function recordedPage(browser: Browser): Promise<{ page: Page; requests: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  return { page, requests };
}

/** The requests that went anywhere but `base` (data: and blob: URLs stay in the page). */
export function offMachine(requests: readonly string[], base: string): string[] {
  return requests.filter((url) => !url.startsWith(`${base}/`) && !/^(data|blob|about):/.test(url));
}
