import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeTar } from '../../../test/support/archive-fixtures.js';
import { type SourceFile, walkSource } from './index.js';

const base = mkdtempSync(join(tmpdir(), 'vigil-temp-'));
after(() => rmSync(base, { recursive: true, force: true }));

async function setup(name: string, entries: number): Promise<{ dir: string; temp: string }> {
  const dir = join(base, name);
  const temp = join(base, `${name}-temp`);
  mkdirSync(dir);
  mkdirSync(temp);
  const files = Array.from({ length: entries }, (_, i) => ({ name: `e${i}.bin`, data: Buffer.alloc(64 * 1024, i) }));
  writeFileSync(join(dir, 'big.tar'), await makeTar(files));
  return { dir, temp };
}

function copies(temp: string): string[] {
  return readdirSync(temp).flatMap((d) => readdirSync(join(temp, d)));
}

test('entries are copied one at a time as the consumer pulls: nothing is read ahead', async () => {
  const { dir, temp } = await setup('pull', 50);
  const held: SourceFile[] = [];
  for await (const item of walkSource(dir, { tempParent: temp })) {
    assert.equal(item.kind, 'file');
    if (item.kind === 'file') held.push(item);
    if (held.length === 3) break;
  }
  assert.equal(held[2].logicalPath, 'pull/big.tar!/e1.bin');
  assert.equal(copies(temp).length, 2, 'only the two entries handed out were copied');
  assert.equal(statSync(held[1].path).mode & 0o777, 0o600);
  for (const f of held) await f.release();
  assert.deepEqual(readdirSync(temp), [], 'the temp area goes with the last release');
});

test('a copy stays readable after the walk ends until it is released, then the area goes', async () => {
  const { dir, temp } = await setup('keep', 3);
  const held: SourceFile[] = [];
  for await (const item of walkSource(dir, { tempParent: temp })) if (item.kind === 'file') held.push(item);
  assert.equal(held.length, 4);
  const [area] = readdirSync(temp);
  assert.equal(statSync(join(temp, area)).mode & 0o777, 0o700);
  assert.equal(copies(temp).length, 3, 'a pool still working on entries can read them');
  await held[1].release();
  await held[1].release();
  assert.equal(existsSync(held[1].path), false);
  assert.equal(copies(temp).length, 2, 'release is idempotent and deletes only its own copy');
  for (const f of held) await f.release();
  assert.equal(existsSync(held[0].path), true, 'files on disk are never deleted');
  assert.deepEqual(readdirSync(temp), []);
});

test('an archive handed out and released at once is still read in full', async () => {
  const { dir, temp } = await setup('early', 4);
  const outer = join(dir, 'outer.tar');
  writeFileSync(outer, await makeTar([{ name: 'inner.tar', data: await makeTar([{ name: 'x.txt', data: 'x' }]) }]));
  rmSync(join(dir, 'big.tar'));
  const seen: string[] = [];
  for await (const item of walkSource(dir, { tempParent: temp })) {
    seen.push(item.logicalPath);
    if (item.kind === 'file') await item.release();
  }
  assert.deepEqual(seen, ['early/outer.tar', 'early/outer.tar!/inner.tar', 'early/outer.tar!/inner.tar!/x.txt']);
  assert.deepEqual(readdirSync(temp), []);
});

test('areas left by processes that are gone (a scan killed with SIGKILL) are removed; live ones are kept', async () => {
  const parent = join(base, 'sweep');
  mkdirSync(parent);
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const deadPid = Number(gone.stdout);
  const area = (pid: number, tag: string) => {
    const d = join(parent, `vigil-source-${pid}-${tag}`);
    mkdirSync(d);
    writeFileSync(join(d, 'e000001'), 'an archive entry copied in the clear');
    return d;
  };
  const dead = area(deadPid, 'dead01');
  const own = area(process.pid, 'own001');
  const parentProcess = area(process.ppid, 'live01');
  const other = join(parent, 'not-an-area');
  mkdirSync(other);
  const { dir } = await setup('sweep-source', 1);
  const mine = () => readdirSync(parent).filter((n) => n.startsWith(`vigil-source-${process.pid}-`));
  let during: string[] = [];
  for await (const item of walkSource(dir, { tempParent: parent })) {
    if (item.kind !== 'file') continue;
    if (item.logicalPath.includes('!/')) during = mine();
    await item.release();
  }
  assert.equal(existsSync(dead), false, 'the dead process’s copies are gone');
  for (const kept of [own, parentProcess, other]) assert.equal(existsSync(kept), true, kept);
  assert.equal(during.length, 2, 'while it walked, this walk’s area was named by its process');
  assert.deepEqual(mine(), [`vigil-source-${process.pid}-own001`], 'and it is gone once the walk ended');
});
