/**
 * A page kept from a role's navigation is kept from its address too: an analyst who opens
 * /admin or /audit by its address is told the page is not open to their role, instead of getting
 * the administration forms (users, agencies, partner keys) that the hub then refuses one by one.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { recordedPage } from '../support/browser.js';
import { type E2eHub, firstAdminSignIn, startE2eHub } from '../support/e2e-hub.js';
import { apiCall, firstSignIn } from '../support/e2e-steps.js';

let hub: E2eHub;
before(async () => {
  hub = await startE2eHub();
});
after(() => hub?.close());

it('tells an analyst that the administration and audit pages are not open to their role', async () => {
  const admin = await recordedPage(hub.browser);
  await firstAdminSignIn(admin.page, hub.server, 'role pages pass phrase');
  const made = await apiCall(admin.page, 'POST', '/api/v1/users', {
    username: 'analyst2',
    displayName: 'Analyst Two',
    roles: ['analyst'],
  });
  assert.equal(made.status, 201);
  const oneTime = (made.body as { oneTimePassword: string }).oneTimePassword;

  const { page } = await recordedPage(hub.browser);
  await firstSignIn(page, hub.server.base, 'analyst2', oneTime, 'analyst two pass phrase');
  assert.equal(await page.getByRole('link', { name: 'Administration' }).count(), 0, 'not in the navigation');
  for (const path of ['/admin', '/audit']) {
    await page.goto(`${hub.server.base}${path}`);
    await page.getByText('This page is not open to your role.', { exact: false }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Add a user' }).count(), 0);
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 0, `nothing of ${path} is drawn`);
  }
  await page.goto(`${hub.server.base}/cases`);
  await page.getByRole('heading', { name: 'Cases', exact: true }).waitFor();
});
