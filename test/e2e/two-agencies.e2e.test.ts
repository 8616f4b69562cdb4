/**
 * Two agencies on one hub, in a real browser against a real `vigil serve`: the hub operator's admin
 * adds agency B on the administration page and turns a viewer account into an auditor there; B holds a
 * picture in a series shared as hashes only; agency A's investigator signs in with a second
 * factor, uploads a re-encoded copy of that picture and a new one, and sees the copy as a
 * near-duplicate and the new one as new; opens the copy blurred, reveals it (the counter in the
 * top bar goes up), categorises it with a number key, confirms the match side by side and notes it
 * on the case; on a series A shares with B, one note names B with the agency picker and one is kept
 * to A, and B reads the first (with A as its author) and not the second. B's
 * admin gets the alerts that its series turned up in A's upload and that A confirmed the match,
 * in B's own words; A's restricted series stays closed to B; A's auditor (who sees no case) finds
 * A's actions in the audit log and the chain intact. No request leaves the machine.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import sharp from 'sharp';
import { totpCode, totpStep } from '../../src/access/totp.js';
import { offMachine, recordedPage } from '../support/browser.js';
import { type E2eHub, firstAdminSignIn, startE2eHub } from '../support/e2e-hub.js';
import { apiCall, firstSignIn, uploadToNewCase } from '../support/e2e-steps.js';
import { blobs } from '../support/patterns.js';

let hub: E2eHub;
const PASSWORD = 'hub operator pass phrase';
const at = (name: string) => join(hub.dir, name);

before(async () => {
  hub = await startE2eHub();
  const px = (seed: number) =>
    sharp(Buffer.from(blobs(320, 240, seed).data), { raw: { width: 320, height: 240, channels: 3 } });
  writeFileSync(at('harbour.png'), await px(71).png().toBuffer());
  writeFileSync(at('harbour-resaved.jpg'), await px(71).jpeg({ quality: 70 }).toBuffer());
  writeFileSync(at('market.png'), await px(72).png().toBuffer());
  writeFileSync(at('list.csv'), `md5\n${'ab'.repeat(16)}\nnot-a-hash\n`);
});
after(() => hub?.close());

it('tells agency B that its series turned up in agency A’s upload, and keeps A’s restricted series from B', async () => {
  const base = hub.server.base;
  const admin = await recordedPage(hub.browser);
  await firstAdminSignIn(admin.page, hub.server, PASSWORD);
  const hubAgencyId = (await apiCall(admin.page, 'GET', '/api/v1/auth/session')).body.user.agencyId as number;
  const hubAgency = (await apiCall(admin.page, 'GET', `/api/v1/agencies/${hubAgencyId}`)).body.name as string;
  // The hub operator's admin adds unit B on the administration page; its admin's password is shown once.
  await admin.page.getByRole('link', { name: 'Administration' }).click();
  await admin.page.getByLabel('Agency name').fill('Unit B');
  await admin.page.getByLabel('Country code (2 letters)').fill('be');
  await admin.page.getByLabel('First admin’s sign-in name').fill('b.admin');
  await admin.page.getByLabel('First admin’s name as others see it').fill('B Admin');
  await admin.page.getByRole('button', { name: 'Add agency' }).click();
  await admin.page.getByText('One-time password for b.admin, first admin of Unit B:').waitFor();
  const bPassword = ((await admin.page.getByTestId('shown-once').textContent()) ?? '').trim();
  assert.ok(bPassword.length >= 12, 'a one-time password is shown');
  const bRow = admin.page.getByTestId('agencies').locator('tr', { hasText: 'Unit B' });
  await bRow.getByRole('cell', { name: 'BE', exact: true }).waitFor();
  const bAgencyId = (await apiCall(admin.page, 'GET', '/api/v1/agencies')).body.items.find(
    (x: { name: string }) => x.name === 'Unit B',
  ).id as number;
  const investigator = await apiCall(admin.page, 'POST', '/api/v1/users', {
    username: 'a.investigator',
    displayName: 'A Investigator',
    roles: ['analyst'],
  });
  assert.equal(investigator.status, 201, JSON.stringify(investigator.body));
  const auditorAccount = await apiCall(admin.page, 'POST', '/api/v1/users', {
    username: 'a.auditor',
    displayName: 'A Auditor',
    roles: ['viewer'],
  });
  assert.equal(auditorAccount.status, 201, JSON.stringify(auditorAccount.body));
  // Added as a viewer by mistake: the admin makes the account an auditor only, on the page.
  await admin.page.reload();
  const auditorRow = admin.page.getByTestId('users').locator('tr', { hasText: 'a.auditor' });
  await auditorRow.getByRole('cell', { name: /Viewer/ }).waitFor();
  await auditorRow.getByRole('button', { name: 'Change roles' }).click();
  await auditorRow.getByRole('button', { name: 'Save roles' }).waitFor();
  // The keyboard stays in the row: the form's first box takes the focus, and the button takes it back.
  const focused = () => admin.page.evaluate('document.activeElement?.closest("label, button")?.textContent');
  assert.equal(await focused(), 'Viewer');
  await auditorRow.getByLabel('Viewer').uncheck();
  await auditorRow.getByLabel('Auditor').check();
  await auditorRow.getByRole('button', { name: 'Save roles' }).click();
  await auditorRow
    .getByTestId('user-roles')
    .filter({ hasText: /^Auditor\s*Change roles$/ })
    .waitFor();
  assert.equal(await focused(), 'Change roles');
  const restricted = await apiCall(admin.page, 'POST', '/api/v1/series', {
    reference: 'A-R1',
    title: 'Series kept to unit A',
    sharing: 'restricted',
  });
  assert.equal(restricted.status, 201, JSON.stringify(restricted.body));
  const sharedWithB = await apiCall(admin.page, 'POST', '/api/v1/series', {
    reference: 'A-S2',
    title: 'Series A shares with unit B',
    sharing: 'restricted',
    sharedWith: [bAgencyId],
  });
  assert.equal(sharedWithB.status, 201, JSON.stringify(sharedWithB.body));

  // B uploads its picture and puts it in a series shared as hashes only.
  const b = await recordedPage(hub.browser);
  await firstSignIn(b.page, base, 'b.admin', bPassword, 'unit b pass phrase');
  const exhibitB = await uploadToNewCase(b.page, 'B-7', [at('harbour.png')]);
  const resultsB = await apiCall(b.page, 'GET', `/api/v1/exhibits/${exhibitB}/scan-results?limit=10`);
  const mediaB = resultsB.body.items[0].mediaId as number;
  const seriesB = await apiCall(b.page, 'POST', '/api/v1/series', {
    reference: 'B-S1',
    title: 'Harbour series',
    sharing: 'hash_only',
  });
  assert.equal(seriesB.status, 201, JSON.stringify(seriesB.body));
  const member = await apiCall(b.page, 'POST', `/api/v1/series/${seriesB.body.id}/media`, { mediaIds: [mediaB] });
  assert.ok(member.status < 300, JSON.stringify(member.body));

  // A's investigator: first sign-in, a second factor from the account page, then sign in with a code.
  const a = await recordedPage(hub.browser);
  await firstSignIn(a.page, base, 'a.investigator', investigator.body.oneTimePassword, 'unit a pass phrase');
  await a.page.getByRole('link', { name: 'My account' }).click();
  await a.page.getByRole('button', { name: 'Show my key' }).click();
  const secret = (await a.page.getByTestId('totp-secret').textContent()) ?? '';
  await a.page.getByLabel('Then enter the code it shows').fill(totpCode(secret, totpStep(Date.now())));
  await a.page.getByRole('button', { name: 'Activate' }).click();
  await a.page.getByText('The second factor is active').waitFor();
  await a.page.getByRole('button', { name: 'Sign out' }).click();
  await a.page.getByLabel('Username').fill('a.investigator');
  await a.page.getByLabel('Password').fill('unit a pass phrase');
  await a.page.getByRole('button', { name: 'Sign in' }).click();
  await a.page.getByLabel('Code from your authenticator app').fill(totpCode(secret, totpStep(Date.now()) + 1));
  await a.page.getByRole('button', { name: 'Sign in' }).click();
  // Signed in again, on the page it left from.
  await a.page.getByRole('heading', { name: 'My account' }).waitFor();

  await uploadToNewCase(a.page, 'A-12', [at('harbour-resaved.jpg'), at('market.png')]);
  const rows = a.page.getByTestId('triage').locator('tbody tr');
  const statuses = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status')));
  assert.deepEqual(statuses, ['new', 'near-duplicate'], 'new first, then the near-duplicate');
  const copy = a.page.getByTestId('triage').locator('tbody tr', { hasText: 'harbour-resaved.jpg' });
  assert.match((await copy.textContent()) ?? '', /PDQ within \d+ bits of media #\d+/);

  // Review: blurred until revealed, the reveal counted in the top bar, a category by key, the match confirmed.
  await copy.getByRole('link').click();
  await a.page.getByRole('heading', { name: /^Media #\d+$/ }).waitFor();
  const viewer = a.page.getByTestId('viewer-image');
  assert.equal(await viewer.getAttribute('data-revealed'), 'false');
  assert.doesNotMatch((await viewer.getAttribute('src')) ?? '', /reveal=true/);
  await a.page.getByTestId('exposure').getByText('Revealed today: 0').waitFor();
  await a.page.getByRole('button', { name: 'Reveal' }).click();
  await a.page.getByTestId('exposure').getByText('Revealed today: 1').waitFor();
  await a.page.keyboard.press('1');
  await a.page.getByTestId('category').getByText(/^1 — /).waitFor();
  const match = a.page.getByTestId('match').first();
  assert.equal(await match.getAttribute('data-verdict'), 'pending');
  // Rejected meanwhile by a colleague: the page's Confirm is refused as stale, the card then shows the
  // hub's verdict (it kept showing "pending", and every retry was refused until a reload), and a
  // second Confirm goes through.
  const shown = Number(/\/media\/(\d+)/.exec(a.page.url())?.[1]);
  const matchId = (await apiCall(a.page, 'GET', `/api/v1/media/${shown}`)).body.matches[0].id;
  const meanwhile = { verdict: 'rejected', currentVerdict: 'pending', reason: 'checked elsewhere' };
  assert.equal((await apiCall(a.page, 'POST', `/api/v1/matches/${matchId}/verdict`, meanwhile)).status, 200);
  await match.getByRole('button', { name: 'Confirm' }).click();
  await a.page.locator('[data-testid="match"][data-verdict="rejected"]').waitFor({ timeout: 10_000 });
  await match.getByRole('button', { name: 'Confirm' }).click();
  await a.page.locator('[data-testid="match"][data-verdict="confirmed"]').waitFor();

  // A note on the case, for the team.
  await a.page.getByRole('link', { name: 'Back to the exhibit' }).click();
  await a.page.getByRole('link', { name: 'A-12' }).click();
  const note = 'The harbour copy matches a series of unit B; asked them whether the victim is identified.';
  await a.page.getByLabel('New note').fill(note);
  await a.page.getByRole('button', { name: 'Add note' }).click();
  await a.page.getByTestId('notes').getByText(note).waitFor();

  // Notes on the series shared with B: one named for unit B with the agency picker, one kept to A.
  await a.page.getByRole('link', { name: 'Series', exact: true }).click();
  await a.page.getByRole('link', { name: 'A-S2' }).click();
  const forB = 'Unit B: the harbour copy is in your series too.';
  const keptToA = 'Internal: check the uploader before telling anyone.';
  await a.page.getByLabel('New note').fill(forB);
  await a.page.getByRole('group', { name: 'Also for these agencies' }).getByLabel('Unit B (BE)').check();
  await a.page.getByRole('button', { name: 'Add note' }).click();
  const notesA = a.page.getByTestId('notes');
  await notesA.locator('li', { hasText: forB }).getByText('Also read by: Unit B').waitFor();
  await a.page.getByLabel('New note').fill(keptToA);
  await a.page.getByRole('button', { name: 'Add note' }).click();
  await notesA.locator('li', { hasText: keptToA }).getByText('Read by this agency only').waitFor();
  assert.match((await notesA.locator('li', { hasText: forB }).textContent()) ?? '', /By this agency/);

  // B is told, in its inbox, that its series turned up in A's upload.
  await b.page.getByRole('link', { name: 'Alerts' }).click();
  await b.page
    .getByTestId('alerts')
    .getByText(
      new RegExp(`Material of series ${seriesB.body.id}, held by this agency, turned up in an upload by ${hubAgency}`),
    )
    .waitFor();

  // …and that A confirmed the match.
  await b.page.reload();
  await b.page
    .getByTestId('alerts')
    .getByText(new RegExp(`${hubAgency} confirmed a match to series ${seriesB.body.id} of this agency`))
    .waitFor();

  // B's series workspace: its media (the harbour picture), and a note shared with every agency that sees it.
  await b.page.getByRole('link', { name: 'Series', exact: true }).click();
  await b.page.getByRole('link', { name: 'B-S1' }).click();
  await b.page.getByTestId('series-media').locator('img').first().waitFor();
  // An item opened from the gallery leads back to the series (it is no exhibit's review).
  await b.page.getByTestId('series-media').locator('.cell').first().click();
  await b.page.getByRole('heading', { name: `Media #${mediaB}` }).waitFor();
  await b.page.getByRole('link', { name: 'Back to the series' }).click();
  await b.page.getByTestId('series-media').locator('img').first().waitFor();
  await b.page.getByLabel('New note').fill('Same harbour picture seen by another unit; comparing.');
  await b.page.getByRole('button', { name: 'Add note' }).click();
  await b.page.getByTestId('notes').getByText('Same harbour picture seen by another unit; comparing.').waitFor();

  // A's series shared with B: B reads the note named for it, with its author agency, and not the one kept to A.
  await b.page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Series', exact: true }).click();
  await b.page.getByRole('link', { name: 'A-S2' }).click();
  const notesB = b.page.getByTestId('notes');
  await notesB.locator('li', { hasText: forB }).getByText(`By ${hubAgency}`).waitFor();
  assert.equal(await notesB.locator('li').count(), 1, 'only the note named for B');
  assert.doesNotMatch((await notesB.textContent()) ?? '', /Internal: check the uploader/);

  // B keeps a hash list: a new set, a CSV imported with upload progress, counts by outcome.
  await b.page.getByRole('link', { name: 'Hash sets' }).click();
  await b.page.getByLabel('Name', { exact: true }).fill('Unit B watch list');
  await b.page.getByRole('button', { name: 'Create' }).click();
  const row = b.page.getByTestId('hash-sets').locator('tr', { hasText: 'Unit B watch list' });
  await row.getByLabel('List file (VICS JSON, CSV, HMA, NSRL)').setInputFiles(at('list.csv'));
  await row
    .getByTestId('import-result')
    .getByText(/^csv: 1 added, 0 already there, 1 refused\.$/)
    .waitFor();
  // The same file chosen again is imported again (the choice used to be kept, so nothing happened).
  await row.getByLabel('List file (VICS JSON, CSV, HMA, NSRL)').setInputFiles(at('list.csv'));
  await row.getByTestId('import-result').getByText('csv: 0 added, 1 already there, 1 refused.').waitFor();
  // A refused name's error goes once a set is made.
  await b.page.getByLabel('Name', { exact: true }).fill('Unit B watch list');
  await b.page.getByRole('button', { name: 'Create' }).click();
  await b.page.getByText(/already has a hash set named/).waitFor();
  await b.page.getByLabel('Name', { exact: true }).fill('Unit B second list');
  await b.page.getByRole('button', { name: 'Create' }).click();
  await b.page.getByTestId('hash-sets').getByText('Unit B second list').waitFor();
  assert.equal(await b.page.getByText(/already has a hash set named/).count(), 0, 'the error went');
  assert.match((await row.getByRole('link', { name: 'hashes' }).getAttribute('href')) ?? '', /export\?format=hashes$/);
  // Its details: where it came from; B names unit A to see it and adds the licence that goes with it.
  await row.getByRole('button', { name: 'Details' }).click();
  const terms = b.page.getByTestId('hash-set-terms');
  await terms.getByText('Source').waitFor();
  await terms.getByRole('checkbox').first().check();
  await terms.getByLabel('Licence and terms of use').fill('For law enforcement triage only.');
  await terms.getByRole('button', { name: 'Save sharing terms' }).click();
  await terms.getByRole('status').getByText('Sharing terms saved.').waitFor();
  const listed = await apiCall(b.page, 'GET', '/api/v1/hash-sets');
  const saved = listed.body.items.find((s: { name: string }) => s.name === 'Unit B watch list');
  assert.equal(saved.licence, 'For law enforcement triage only.');
  assert.equal(saved.sharing, 'restricted');
  assert.equal(saved.sharedWith.length, 1, 'the one other agency named');

  // A's restricted series does not exist for B.
  const refused = await apiCall(b.page, 'GET', `/api/v1/series/${restricted.body.id}`);
  assert.equal(refused.status, 404);
  assert.match(refused.body.message, /no series \d+ this account may see/);
  // Opened directly in B's browser, its page says so once and shows nothing of it: no title, no
  // gallery, no notes.
  await b.page.goto(`${base}/series/${restricted.body.id}`);
  const refusedPage = b.page.locator('main');
  await refusedPage
    .getByRole('alert')
    .getByText(`There is no series ${restricted.body.id} this account may see.`)
    .waitFor();
  assert.equal(await refusedPage.getByRole('alert').count(), 1, 'one clear refusal');
  assert.doesNotMatch((await refusedPage.textContent()) ?? '', /A-R1|kept to unit A/);
  assert.equal(await b.page.getByTestId('series-media').count(), 0, 'no gallery of it');
  assert.equal(await b.page.getByTestId('notes').count(), 0, 'no notes of it');

  // A's auditor reads the audit log: the investigator's categorisation is there; the chain holds.
  // An auditor reads the log and nothing else: no case list for it.
  const auditor = await recordedPage(hub.browser);
  await firstSignIn(auditor.page, base, 'a.auditor', auditorAccount.body.oneTimePassword, 'unit a audit pass phrase');
  assert.equal((await apiCall(auditor.page, 'GET', '/api/v1/cases')).status, 403, 'an auditor sees no case');
  await auditor.page.getByRole('link', { name: 'Audit' }).click();
  await auditor.page.getByLabel('Action').fill('categorise');
  await auditor.page.getByRole('button', { name: 'Show' }).click();
  await auditor.page.getByTestId('audit').getByRole('cell', { name: 'a.investigator' }).first().waitFor();
  await auditor.page.getByRole('button', { name: 'Check the whole chain' }).click();
  assert.match((await auditor.page.getByTestId('chain').textContent()) ?? '', /^The chain is intact: \d+ events/);

  for (const p of [admin, b, a, auditor]) {
    assert.deepEqual(offMachine(p.requests, base), [], 'no request leaves the machine');
  }
});
