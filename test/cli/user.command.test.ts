/** `vigil user` against a real embedded database: list, reset a password, unlock, reset TOTP; each audited. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { createApp, type VigilApp } from '../../src/app.js';
import { main } from '../../src/cli/main.js';
import { CredentialRepository } from '../../src/storage/credential.repository.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-user-cli-'));
const file = join(dir, 'vigil.sqlite');
let vigil: VigilApp;

function recorder() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

before(async () => {
  vigil = await createApp({ database: { dialect: 'sqlite', file }, dataDir: dir });
  await vigil.bootstrap.ensureFirstAdmin();
});
after(async () => {
  await vigil.close();
  rmSync(dir, { recursive: true, force: true });
});

it('lists accounts, resets a password, unlocks and removes a second factor, auditing each', async () => {
  const list = recorder();
  assert.equal(await main(['user', 'list', '--json', '--db', dir], list.io), 0);
  const admin = JSON.parse(list.out[0] ?? '{}');
  assert.equal(admin.username, 'admin');
  assert.equal(admin.hasPassword, true);

  const credentials = new CredentialRepository(vigil.database.db);
  await credentials.recordFailure(admin.id, 9, Date.now() + 600_000);
  await credentials.setTotp(admin.id, 'JBSWY3DPEHPK3PXP', Date.now(), null);

  const reset = recorder();
  assert.equal(await main(['user', 'reset-password', 'admin', '--db', dir], reset.io), 0);
  const password = /One-time password for admin: (\S+)/.exec(reset.out.join('\n'))?.[1];
  assert.ok(password);
  assert.equal(
    (await vigil.auth.login({ username: 'admin', password, totpCode: undefined }).catch((e) => e)).code,
    'totp-required',
  );

  assert.equal(await main(['user', 'reset-totp', 'admin', '--db', dir], recorder().io), 0);
  await credentials.recordFailure(admin.id, 9, Date.now() + 600_000);
  assert.equal(await main(['user', 'unlock', 'admin', '--db', dir], recorder().io), 0);
  const grant = await vigil.auth.login({ username: 'admin', password });
  assert.equal(grant.user.username, 'admin');

  const actions = (await vigil.database.db.selectFrom('audit_events').select(['action', 'actor_user_id']).execute())
    .filter((e) => e.action.startsWith('console-'))
    .map((e) => [e.action, e.actor_user_id]);
  assert.deepEqual(actions, [
    ['console-password-reset', null],
    ['console-totp-reset', null],
    ['console-unlock', null],
  ]);
});

it('refuses an unknown user and a missing name with how to fix it', async () => {
  const unknown = recorder();
  assert.equal(await main(['user', 'unlock', 'nobody', '--db', dir], unknown.io), 1);
  assert.match(unknown.err.join('\n'), /No user "nobody" \(vigil user list/);
  const missing = recorder();
  assert.equal(await main(['user', 'unlock', '--db', dir], missing.io), 2);
  assert.match(missing.err.join('\n'), /give one username/);
});
