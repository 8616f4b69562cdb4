/**
 * Steps the browser tests share: a person's first sign-in with a one-time password, opening a
 * case with an exhibit and uploading files to it, and API calls made with the page's own session
 * (for set-up the app has no page for yet).
 */
import type { Page } from 'playwright-core';
import type { Json } from './http-harness.js';

/** Signs in with a one-time password, replaces it, and waits for the dashboard. */
export async function firstSignIn(page: Page, base: string, username: string, oneTime: string, password: string) {
  await page.goto(base);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(oneTime);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  await page.getByLabel('Current password').fill(oneTime);
  await page.getByLabel('New password (at least 12 characters)').fill(password);
  await page.getByLabel('New password again').fill(password);
  await page.getByRole('button', { name: 'Save password' }).click();
  await page.getByTestId('welcome').waitFor();
}

/** Opens a case, adds an exhibit, uploads `files` and waits until each has its triage row; returns the exhibit id. */
export async function uploadToNewCase(
  page: Page,
  reference: string,
  files: string[],
  label = 'phone-1',
): Promise<number> {
  await page.getByRole('link', { name: 'Cases' }).click();
  await page.getByLabel('Reference', { exact: true }).fill(reference);
  await page.getByLabel('Title', { exact: true }).fill(`Case ${reference}`);
  await page.getByRole('button', { name: 'Open case' }).click();
  await page.getByRole('heading', { name: new RegExp(reference) }).waitFor();
  await page.getByLabel('Label (e.g. laptop-1)').fill(label);
  await page.getByRole('button', { name: 'Add exhibit' }).click();
  await page.getByRole('heading', { name: label }).waitFor();
  await page.getByLabel('Files', { exact: true }).setInputFiles(files);
  await page
    .getByTestId('triage')
    .locator('tbody tr')
    .nth(files.length - 1)
    .waitFor({ timeout: 60_000 });
  return Number(/\/exhibits\/(\d+)/.exec(page.url())?.[1]);
}

/** A call to the API with the page's session cookie and CSRF token. */
export async function apiCall(
  page: Page,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const headers: Record<string, string> = { 'x-csrf-token': session.csrfToken };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const r = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: r.status, body: await r.json().catch(() => ({})) };
    },
    { method, url, body },
  );
}
