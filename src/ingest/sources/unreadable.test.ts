/**
 * Permission-denied files and folders. Root reads anything, so when the tests run as root the
 * walk is run a second time in a child process as `nobody` (uid 65534), where the permissions
 * bite; the root run checks what root sees (everything readable).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { type Collected, collect } from '../../../test/support/walk-collect.js';

const base = mkdtempSync(join(tmpdir(), 'vigil-perm-'));
after(() => {
  chmodSync(join(base, 'ev', 'locked-dir'), 0o755);
  rmSync(base, { recursive: true, force: true });
});

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

function build(): string {
  const root = join(base, 'ev');
  mkdirSync(join(root, 'locked-dir'), { recursive: true });
  writeFileSync(join(root, 'locked-dir', 'inside.txt'), 'hidden');
  writeFileSync(join(root, 'locked.txt'), 'locked');
  writeFileSync(join(root, 'open.txt'), 'open');
  chmodSync(join(root, 'locked.txt'), 0o000);
  chmodSync(join(root, 'locked-dir'), 0o000);
  if (isRoot) for (const p of [base, root, join(root, 'open.txt')]) chownSync(p, NOBODY, NOBODY);
  return root;
}

/** The walk as `nobody`: a child process that prints the collected result as JSON. */
function collectAsNobody(root: string): Collected {
  const script = join(base, 'walk.mts');
  const helper = resolve('test/support/walk-collect.ts');
  writeFileSync(
    script,
    `import { collect } from ${JSON.stringify(helper)};\n` +
      `const c = await collect(${JSON.stringify(root)}, { tempParent: ${JSON.stringify(base)} });\n` +
      'console.log(JSON.stringify({ errors: c.errors, order: c.order, files: c.files.map((f) => ({ ...f, content: f.content.toString() })) }));\n',
  );
  chownSync(script, NOBODY, NOBODY);
  const out = execFileSync(process.execPath, ['--import', 'tsx', script], {
    uid: NOBODY,
    gid: NOBODY,
    env: { ...process.env, HOME: base, TMPDIR: base },
  });
  return JSON.parse(out.toString()) as Collected;
}

test('unreadable files and folders are errors; the readable rest is walked', async () => {
  const root = build();
  const c = isRoot ? collectAsNobody(root) : await collect(root);
  assert.deepEqual(c.errors, [
    { kind: 'error', logicalPath: 'ev/locked-dir', code: 'unreadable-file', reason: 'cannot read folder (EACCES)' },
    { kind: 'error', logicalPath: 'ev/locked.txt', code: 'unreadable-file', reason: 'cannot read (EACCES)' },
  ]);
  assert.deepEqual(c.order, ['ev/locked-dir', 'ev/locked.txt', 'ev/open.txt']);
  if (isRoot) {
    // root itself reads through the permissions: everything is walked
    const asRoot = await collect(root);
    assert.deepEqual(asRoot.errors, []);
    assert.deepEqual(asRoot.order, ['ev/locked-dir/inside.txt', 'ev/locked.txt', 'ev/open.txt']);
  }
});
