import assert from 'node:assert/strict';
import { lstatSync, mkdtempSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readListed } from './listed-file.js';
import type { ListedIdentity } from './sources/source-types.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-listed-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `name` and returns its identity as a listing (lstat) sees it. */
function listed(name: string, body: string): ListedIdentity {
  writeFileSync(join(dir, name), body);
  const st = lstatSync(join(dir, name));
  return { dev: st.dev, ino: st.ino, viaLink: false };
}

test('the listed file is read through the checked descriptor', async () => {
  const id = listed('steady', 'listed bytes');
  assert.equal((await readListed(join(dir, 'steady'), id)).toString(), 'listed bytes');
  assert.equal((await readListed(join(dir, 'steady'), undefined)).toString(), 'listed bytes', 'nothing listed: read');
});

test('a name swapped for a link is refused as such; the target is not read', async () => {
  const id = listed('linked', 'listed bytes');
  writeFileSync(join(dir, 'elsewhere'), 'other bytes');
  unlinkSync(join(dir, 'linked'));
  symlinkSync(join(dir, 'elsewhere'), join(dir, 'linked'));
  await assert.rejects(readListed(join(dir, 'linked'), id), /replaced by a symbolic link after it was listed/);
});

test('a name swapped for another file is refused as such', async () => {
  const id = listed('renamed', 'listed bytes');
  writeFileSync(join(dir, 'newcomer'), 'other bytes');
  renameSync(join(dir, 'newcomer'), join(dir, 'renamed'));
  await assert.rejects(readListed(join(dir, 'renamed'), id), /replaced by another file after it was listed/);
});

test("through the walk's private link (a name that is not UTF-8), a swapped name is still refused", async () => {
  const id = { ...listed('private', 'listed bytes'), viaLink: true };
  symlinkSync(join(dir, 'private'), join(dir, 'temp-link'));
  assert.equal((await readListed(join(dir, 'temp-link'), id)).toString(), 'listed bytes');
  writeFileSync(join(dir, 'elsewhere2'), 'other bytes');
  unlinkSync(join(dir, 'private'));
  symlinkSync(join(dir, 'elsewhere2'), join(dir, 'private'));
  await assert.rejects(readListed(join(dir, 'temp-link'), id), /replaced by a symbolic link after it was listed/);
});
