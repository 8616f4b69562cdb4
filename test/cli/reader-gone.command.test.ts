import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { EXIT_READER_GONE } from '../../src/cli/cli-io.js';
import { REPO_ROOT } from '../support/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-reader-gone-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a command whose reader goes away (vigil … | head) stops quietly with 141, no stack trace', async () => {
  // 50,000 malformed rows: one JSON line each on stdout, far more than the reader takes.
  const list = join(dir, 'bad.txt');
  writeFileSync(list, 'not-a-hash\n'.repeat(50_000));
  const child = spawn(
    process.execPath,
    [
      join(REPO_ROOT, 'bin/vigil.js'),
      'import',
      '--as',
      'bad',
      '--format',
      'csv',
      '--json',
      '--db',
      join(dir, 'data'),
      list,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '' } },
  );
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  let first = '';
  child.stdout.once('data', (d: Buffer) => {
    first = d.toString().split('\n')[0];
    child.stdout.destroy();
  });
  const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
  assert.match(first, /"event":"rejected"/);
  assert.equal(code, EXIT_READER_GONE, `exit ${code}; stderr: ${stderr}`);
  assert.doesNotMatch(stderr, /EPIPE|Unhandled|at /);
});
