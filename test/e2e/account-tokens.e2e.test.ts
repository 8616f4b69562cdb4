/**
 * My account's tokens for scripts in a real browser against a real `vigil serve`: a person makes
 * a token (its secret shown once), sees it listed with when it was made and last used, and
 * revokes it from the page, after which the hub refuses it.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { recordedPage } from '../support/browser.js';
import { type E2eHub, firstAdminSignIn, startE2eHub } from '../support/e2e-hub.js';

let hub: E2eHub;
before(async () => {
  hub = await startE2eHub();
});
after(() => hub?.close());

it('lists a person’s tokens on their account page and revokes one there', async () => {
  const { page } = await recordedPage(hub.browser);
  await firstAdminSignIn(page, hub.server, 'token list pass phrase');
  await page.getByRole('link', { name: 'My account' }).click();
  await page.getByText('No tokens yet.').waitFor();

  await page.getByLabel('What the token is for').fill('nightly import');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.locator('code.secret').textContent()) ?? '';
  assert.match(secret, /^vgk_/);
  const row = page.getByTestId('tokens').locator('tbody tr', { hasText: 'nightly import' });
  await row.waitFor();
  assert.deepEqual(await row.locator('td').evaluateAll((cells) => cells.slice(2, 4).map((c) => c.textContent)), [
    'never',
    'active',
  ]);
  assert.equal(await page.getByLabel('What the token is for').inputValue(), '', 'the form is ready for the next one');

  const asScript = () =>
    fetch(`${hub.server.base}/api/v1/auth/session`, { headers: { authorization: `Bearer ${secret}` } });
  assert.equal((await asScript()).status, 200);
  await page.reload();
  await row.waitFor();
  assert.notEqual(await row.locator('td').nth(2).textContent(), 'never', 'its last use is shown');

  // Revoking asks first: keeping it changes nothing, and the token still works.
  await row.getByRole('button', { name: 'Revoke' }).click();
  await row.getByText('Scripts using it stop working at once.').waitFor();
  await row.getByRole('button', { name: 'Keep it' }).click();
  assert.equal((await asScript()).status, 200, 'kept');
  await row.getByRole('button', { name: 'Revoke' }).click();
  await row.getByRole('button', { name: 'Revoke it' }).click();
  await row
    .locator('td')
    .nth(3)
    .getByText(/^revoked /)
    .waitFor();
  assert.equal(await row.getByRole('button', { name: 'Revoke' }).count(), 0);
  assert.equal((await asScript()).status, 401, 'the hub refuses a revoked token');
});
