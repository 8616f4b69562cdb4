import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import sharp from 'sharp';
import { main } from '../../src/cli/main.js';
import { pdqFromImage } from '../../src/signals/pdq/pdq-image.js';
import { conformanceMissing, PDQ_VECTORS, REPO_ROOT } from '../support/paths.js';
import { blobs } from '../support/patterns.js';

function recorder() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function writeFixtures() {
  const px = blobs(320, 240, 11);
  const png = await sharp(px.data, { raw: { width: 320, height: 240, channels: 3 } })
    .png()
    .toBuffer();
  mkdirSync(join(dir, 'tree/sub'), { recursive: true });
  writeFileSync(join(dir, 'tree/a.png'), png);
  writeFileSync(join(dir, 'tree/sub/b.jpg'), await sharp(png).jpeg().toBuffer());
  writeFileSync(join(dir, 'tree/notes.txt'), 'evidence log, not an image\n');
  writeFileSync(join(dir, 'tree/sub/cut.jpg'), (await sharp(png).jpeg().toBuffer()).subarray(0, 700));
  symlinkSync(join(dir, 'tree'), join(dir, 'tree/sub/loop'));
}
const ready = writeFixtures();

describe('vigil hash', () => {
  test('prints hash,quality,path exactly like the reference tool', { skip: conformanceMissing }, async () => {
    const expected = readFileSync(join(PDQ_VECTORS, 'expected.csv'), 'utf8')
      .split('\n')
      .filter((l) => l.includes(',bridge-mods/'))
      .map((l) => l.replace(',bridge-mods/', `,${join(PDQ_VECTORS, 'bridge-mods')}/`));
    const r = recorder();
    assert.equal(await main(['hash', join(PDQ_VECTORS, 'bridge-mods')], r.io), 0);
    assert.deepEqual(r.out.sort(), expected.sort());
    assert.deepEqual(r.err, []);
  });

  test('--dihedral prints the 8 variants like --pdqdih-across', { skip: conformanceMissing }, async () => {
    const [, line] = readFileSync(join(PDQ_VECTORS, 'expected-dihedral.csv'), 'utf8').split('\n');
    const file = join(PDQ_VECTORS, 'reg-test-input/dih/bridge-1-original.jpg');
    const r = recorder();
    assert.equal(await main(['hash', '--dihedral', file], r.io), 0);
    assert.deepEqual(r.out, [line.replace('reg-test-input/dih/bridge-1-original.jpg', file)]);
  });

  test('walks folders, skips symlinked folders, names each failed file and exits 4', async () => {
    await ready;
    const r = recorder();
    assert.equal(await main(['hash', join(dir, 'tree')], r.io), 4);
    const expected = await Promise.all(
      ['tree/a.png', 'tree/sub/b.jpg'].map(async (f) => {
        const h = await pdqFromImage(join(dir, f));
        return `${h.hash},${h.quality},${join(dir, f)}`;
      }),
    );
    assert.deepEqual(r.out, expected);
    assert.match(r.err.join('\n'), /notes\.txt: Not an image.*\[unsupported-format\]/);
    assert.match(r.err.join('\n'), /cut\.jpg: .*\[(truncated-image|corrupt-image)\]/);
    assert.match(r.err.at(-1) ?? '', /2 of 4 files failed/);
  });

  test('--all adds md5,sha1,sha256 and gives non-images their digests with empty PDQ fields', async () => {
    await ready;
    const r = recorder();
    const notes = join(dir, 'tree/notes.txt');
    assert.equal(await main(['hash', '--all', notes, join(dir, 'tree/a.png')], r.io), 0);
    const sha1 = execFileSync('sha1sum', [notes], { encoding: 'utf8' }).split(' ')[0];
    assert.equal(r.out[0].split(',').length, 6);
    assert.match(r.out[0], new RegExp(`^,,[0-9a-f]{32},${sha1},[0-9a-f]{64},${notes}$`));
    assert.match(r.out[1], /^[0-9a-f]{64},\d+,[0-9a-f]{32},[0-9a-f]{40},[0-9a-f]{64},.*a\.png$/);
  });

  test('--json prints one object per file, errors included', async () => {
    await ready;
    const r = recorder();
    assert.equal(await main(['hash', '--json', join(dir, 'tree/a.png'), join(dir, 'missing.png')], r.io), 4);
    const [ok, bad] = r.out.map((l) => JSON.parse(l));
    assert.equal(ok.image.format, 'png');
    assert.match(ok.pdq.hash, /^[0-9a-f]{64}$/);
    assert.equal(bad.error.code, 'unreadable-file');
  });

  test('bad usage exits 2 and says what is wrong', async () => {
    const none = recorder();
    assert.equal(await main(['hash'], none.io), 2);
    assert.match(none.err.join('\n'), /No files or folders given/);
    const flag = recorder();
    assert.equal(await main(['hash', '--colour', 'x'], flag.io), 2);
    assert.match(flag.err.join('\n'), /Unknown option '--colour'/);
    const jobs = recorder();
    assert.equal(await main(['hash', '--jobs', 'many', 'x'], jobs.io), 2);
    assert.equal(await main(['frobnicate'], recorder().io), 2);
  });

  test('the installed bin runs: npx vigil hash', { skip: conformanceMissing }, () => {
    const file = join(PDQ_VECTORS, 'misc-images/wee.jpg');
    const res = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/vigil.js'), 'hash', file], { encoding: 'utf8' });
    assert.equal(res.status, 0, res.stderr);
    assert.equal(res.stdout, `6227401f601ff4ccafcc9fad4b0d95d371a2eb7265a3285234d228ca94deeb2d,100,${file}\n`);
  });
});
