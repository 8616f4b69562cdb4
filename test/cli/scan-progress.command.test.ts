/**
 * `vigil scan`'s live progress line on a terminal: besides files/s and MB/s it counts the files
 * by status as they are sorted, new first, so an investigator sees new material arrive.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import sharp from 'sharp';
import { scanCommand } from '../../src/cli/scan.command.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-scan-progress-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the progress line counts files by status: new, near-dup, known, ignorable, error', async () => {
  const seizure = join(dir, 'seizure');
  mkdirSync(seizure);
  const picture = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#884422' } })
    .png()
    .toBuffer();
  writeFileSync(join(seizure, 'a.png'), picture);
  writeFileSync(join(seizure, 'notes.txt'), 'plain text\n');
  writeFileSync(join(seizure, 'empty.bin'), '');
  const drawn: string[] = [];
  const errStream = { isTTY: true, columns: 200, write: (s: string) => drawn.push(s) } as unknown as NodeJS.WriteStream;
  const lines: string[] = [];
  const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), errStream };
  const status = await scanCommand(['--case', 'PROGRESS', '--db', join(dir, 'db'), '--workers', '0', seizure], io);
  assert.equal(status, 4, lines.join('\n'));
  const last = drawn.filter((d) => d.startsWith('\r')).at(-1) ?? '';
  assert.match(last, /^\rscan 3 files \(new 2 · near-dup 0 · known 0 · ignorable 0 · error 1\) {2}[\d.]+\/s/);
});

test('--json: each file event carries its matches as data', async () => {
  const seizure = join(dir, 'json');
  mkdirSync(seizure);
  writeFileSync(join(seizure, 'notes.txt'), 'plain text\n');
  writeFileSync(join(seizure, 'copy.txt'), 'plain text\n');
  const db = join(dir, 'db-json');
  const quiet = { out: () => {}, err: () => {} };
  assert.equal(await scanCommand(['--case', 'FIRST', '--db', db, seizure], quiet), 0);
  // A second case over the same folder: every file is now known by its SHA-256.
  const lines: string[] = [];
  const io = { out: (l: string) => lines.push(l), err: () => {} };
  assert.equal(await scanCommand(['--case', 'SECOND', '--db', db, '--json', seizure], io), 0);
  const events = lines.map((l) => JSON.parse(l)).filter((e) => e.event === 'file');
  assert.equal(events.length, 2);
  for (const e of events) {
    assert.equal(e.status, 'known');
    assert.deepEqual(e.matches, [{ kind: 'sha256', mediaId: 1, hashSetEntryId: null, hashSet: null }]);
  }
});
