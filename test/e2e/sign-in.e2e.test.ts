/**
 * The web app in a real browser against a real `vigil serve` with a fresh embedded database:
 * first sign-in with the one-time password, choosing a password, enrolling a second factor,
 * signing in with a code, Arabic right to left, and no request leaving the machine.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { totpCode, totpStep } from '../../src/access/totp.js';
import { offMachine, recordedPage } from '../support/browser.js';
import { type E2eHub, firstAdminSignIn, startE2eHub } from '../support/e2e-hub.js';

let hub: E2eHub;
const NEW_PASSWORD = 'field unit pass phrase';

before(async () => {
  hub = await startE2eHub();
});
after(() => hub?.close());

it('takes a new admin from the one-time password to a second factor, all on the hub itself', async () => {
  const { page, requests } = await recordedPage(hub.browser);
  await firstAdminSignIn(page, hub.server, NEW_PASSWORD);

  const started = Date.now();
  await page.goto(`${hub.server.base}/`);
  await page.getByTestId('welcome').waitFor();
  await page.getByTestId('media-by-month').waitFor();
  console.log(`# dashboard interactive after navigation: ${Date.now() - started} ms (bar: 1500 ms)`);
  assert.equal(
    await page.getByTestId('media-by-month').locator('.bar-row').count(),
    12,
    'a bar per month of the last year',
  );
  assert.equal(await page.getByTestId('jobs').textContent(), 'Ingest: 0 files being processed, 0 waiting.');

  // Signing out in another tab of the same browser ends the session on the hub: this tab's next call
  // is answered 401, so it shows the sign-in page saying why, and after signing in again the person
  // is on the page they asked for.
  const otherTab = await page.context().newPage();
  await otherTab.goto(`${hub.server.base}/`);
  await otherTab.getByRole('button', { name: 'Sign out' }).click();
  await otherTab.getByLabel('Username').waitFor();
  await otherTab.close();
  await page.getByRole('link', { name: 'Cases' }).click();
  await page.getByRole('alert').getByText('Your session has ended. Please sign in again.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0, 'nothing of the signed-in app is left');
  const focused = await page.evaluate('document.activeElement?.getAttribute("name")');
  assert.equal(focused, 'username', 'typing starts in the username field');
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Cases', exact: true }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/cases', 'carries on where the session ended');
  assert.equal(await page.getByRole('alert').count(), 0, 'the expiry message is gone once signed in');

  // Enrol a second factor through the API with the page's own session (the page for it comes with
  // the account settings), then sign out and back in with a code.
  const secret = await page.evaluate(async () => {
    const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
    const begun = await fetch('/api/v1/auth/totp', {
      method: 'POST',
      headers: { 'x-csrf-token': session.csrfToken },
    });
    return ((await begun.json()) as { secret: string }).secret;
  });
  const confirmStep = totpStep(Date.now());
  const confirmed = await page.evaluate(
    async ({ code }) => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const r = await fetch('/api/v1/auth/totp/confirm', {
        method: 'POST',
        headers: { 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      return r.status;
    },
    { code: totpCode(secret, confirmStep) },
  );
  assert.equal(confirmed, 200);
  await page.getByRole('button', { name: 'Sign out' }).click();

  // A wrong password is refused with a message that says so, and no code is asked for.
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('not the pass phrase');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').getByText('Wrong username or password.').waitFor();
  assert.equal(await page.getByLabel('Code from your authenticator app').count(), 0);
  await page.getByLabel('Password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Code from your authenticator app').waitFor();
  // The code just used is refused (one use), saying so; the next step's code is accepted (clock drift window).
  await page.getByLabel('Code from your authenticator app').fill(totpCode(secret, confirmStep));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').getByText('The code is wrong or was already used.').waitFor();
  assert.equal(await page.getByTestId('welcome').count(), 0, 'still on the sign-in page');
  await page.getByLabel('Code from your authenticator app').fill(totpCode(secret, confirmStep + 1));
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Signed in again on the page they signed out from (the cases, since the session ended there).
  await page.getByRole('heading', { name: 'Cases', exact: true }).waitFor();
  // My account says the second factor is on, and offers no second enrolment (the hub refuses one).
  await page.getByRole('link', { name: 'My account' }).click();
  await page.getByRole('heading', { name: 'Second factor', exact: true }).waitFor();
  await page
    .getByTestId('second-factor-on')
    .getByText(/an admin can reset it/)
    .waitFor();
  assert.equal(await page.getByRole('button', { name: 'Show my key' }).count(), 0);

  // The admin adds an analyst; the one-time password is shown once and works.
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByLabel('Username').fill('field.analyst');
  await page.getByLabel('Full name').fill('Field Analyst');
  await page.getByLabel('Analyst').check();
  await page.getByRole('button', { name: 'Add a user' }).click();
  const analystPassword = await page.getByTestId('shown-once').textContent();
  assert.ok(analystPassword && analystPassword.length >= 16);
  await page.getByRole('cell', { name: /field\.analyst/ }).waitFor();
  // The form is ready for the next person: empty, and the roles back to the default (viewer).
  assert.equal(await page.getByLabel('Username').inputValue(), '');
  assert.equal(await page.getByLabel('Analyst').isChecked(), false, 'the last person’s roles are not kept');
  assert.equal(await page.getByLabel('Viewer').isChecked(), true);
  const analyst = await (await hub.browser.newContext()).newPage();
  await analyst.goto(hub.server.base);
  await analyst.getByLabel('Username').fill('field.analyst');
  await analyst.getByLabel('Password').fill(analystPassword);
  await analyst.getByRole('button', { name: 'Sign in' }).click();
  await analyst.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  assert.equal(await analyst.getByRole('link', { name: 'Administration' }).count(), 0);
  await analyst.context().close();

  await page.getByLabel('Language').selectOption('ar');
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  await page.getByRole('heading', { name: 'إدارة جهتك' }).waitFor();

  assert.deepEqual(offMachine(requests, hub.server.base), [], 'no request leaves the machine');
});
