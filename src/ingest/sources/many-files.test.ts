import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { walkSource } from './index.js';

// In memory where there is a tmpfs: on a disk, deleting 100,000 just-read files can take minutes.
const base = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'vigil-many-'));
// rm(1) removes 100,000 files several times faster than fs.rmSync
after(() => execFileSync('rm', ['-rf', base]));

test('100,000 tiny files: every one is yielded once, in order, with memory that stays bounded', async () => {
  const root = join(base, 'many');
  for (let d = 0; d < 100; d++) {
    const dir = join(root, `d${String(d).padStart(3, '0')}`);
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < 1000; f++) writeFileSync(join(dir, `f${String(f).padStart(4, '0')}`), `${d}/${f}`);
  }
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  let count = 0;
  let last = '';
  for await (const item of walkSource(root)) {
    assert.equal(item.kind, 'file');
    assert.ok(item.logicalPath > last, 'strictly increasing: sorted and no repeats');
    last = item.logicalPath;
    count++;
    if (count % 5000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    if (item.kind === 'file') await item.release();
  }
  assert.equal(count, 100_000);
  assert.equal(last, 'many/d099/f0999');
  const growthMb = (peak - before) / 2 ** 20;
  // Loose on purpose: one folder's listing (1,000 names) plus GC slack, far below what holding
  // 100,000 items would take if the walk built a list.
  assert.ok(growthMb < 200, `RSS grew ${growthMb.toFixed(0)} MB`);
});
