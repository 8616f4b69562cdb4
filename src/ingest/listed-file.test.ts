import assert from 'node:assert/strict';
import {
  lstatSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import sharp from 'sharp';
import { closeMetadataReader, readMetadata } from '../media/metadata.js';
import { pinListed, readListed } from './listed-file.js';
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

test('a pinned path reads the listed file in another process, even while its name is swapped', async () => {
  const picture = join(dir, 'pinned.jpg');
  await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'Listed Maker' } })
    .toFile(picture);
  const st = lstatSync(picture);
  const pin = await pinListed(picture, { dev: st.dev, ino: st.ino, viaLink: false });
  try {
    if (process.platform !== 'linux') {
      // No /proc: the name itself, checked after the tools ran (read-pool.ts sameFile).
      assert.equal(pin.path, picture);
      return;
    }
    assert.match(pin.path, new RegExp(`^/proc/${process.pid}/fd/\\d+$`));
    // The name now holds another file: ExifTool, in its own process, still reads the listed one.
    writeFileSync(join(dir, 'swapped-in.jpg'), readFileSync(await exifFree()));
    renameSync(picture, join(dir, 'pinned-away.jpg'));
    renameSync(join(dir, 'swapped-in.jpg'), picture);
    assert.equal((await readMetadata(pin.path)).cameraMake, 'Listed Maker');
    assert.equal((await readMetadata(picture)).cameraMake, null, 'the name itself holds the other file');
    assert.equal(pin.named(`cannot read ${pin.path}: damaged`), `cannot read ${picture}: damaged`);
  } finally {
    await pin.release();
    await closeMetadataReader();
  }
});

/** A small JPEG with no metadata. */
async function exifFree(): Promise<string> {
  const path = join(dir, 'plain.jpg');
  await sharp({ create: { width: 8, height: 8, channels: 3, background: '#202020' } })
    .jpeg()
    .toFile(path);
  return path;
}
