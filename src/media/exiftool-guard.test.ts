/**
 * ExifTool in -stay_open mode never ends on its own once its input closes, so a Vigil killed with
 * kill -9 would leave it polling for ever. The guard ends it: a process that read metadata is
 * killed, and its ExifTool is gone a moment later.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import sharp from 'sharp';
import { REPO_ROOT } from '../../test/support/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-exiftool-guard-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Live (not zombie) processes: pid → [ppid, command line]. */
function processes(): Map<number, [number, string]> {
  const out = new Map<number, [number, string]>();
  for (const line of execFileSync('ps', ['-eo', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' }).split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    if (m && !m[3].startsWith('Z')) out.set(Number(m[1]), [Number(m[2]), m[4]]);
  }
  return out;
}

test('the ExifTool of a process killed with kill -9 ends with it', { skip: process.platform === 'win32' }, async () => {
  const picture = join(dir, 'picture.png');
  await sharp({ create: { width: 32, height: 32, channels: 3, background: '#4a7' } })
    .png()
    .toFile(picture);
  const script = join(dir, 'reader.mts');
  writeFileSync(
    script,
    `import { readMetadata } from ${JSON.stringify(join(REPO_ROOT, 'src/media/metadata.ts'))};\n` +
      `await readMetadata(${JSON.stringify(picture)});\nconsole.log('read');\nsetInterval(() => {}, 1000);\n`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('read') && resolve());
    child.on('exit', (code) => reject(new Error(`the reader exited (${code}) before reading`)));
  });
  const before = processes();
  const guards = [...before].filter(([, [ppid, args]]) => ppid === child.pid && args.includes('exiftool-guard.pl'));
  assert.equal(guards.length, 1, 'ExifTool runs under the guard');
  const guardPid = guards[0][0];
  const tools = [...before].filter(([, [ppid, args]]) => ppid === guardPid && args.includes('exiftool'));
  assert.equal(tools.length, 1, 'the guard runs ExifTool');
  const toolPid = tools[0][0];

  child.kill('SIGKILL');
  const deadline = Date.now() + 15_000;
  let left = [guardPid, toolPid];
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    const now = processes();
    left = left.filter((pid) => now.has(pid));
  }
  assert.deepEqual(left, [], 'no ExifTool left behind');
});
