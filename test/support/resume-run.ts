/**
 * The pieces of the kill -9 resume checks (test/cli/scan-resume.command.test.ts, bench:resume): a
 * seizure of small generated pictures with copies, rotated near-duplicates and a broken file, and
 * a `vigil scan` run killed with SIGKILL after a given number of files or milliseconds.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { REPO_ROOT } from './paths.js';
import { blobs, transform } from './patterns.js';

export const VIGIL_BIN = join(REPO_ROOT, 'bin/vigil.js');

/**
 * `count` files in folders of 100 (d000, d001, …): every 10th a copy, one cut short (a decode
 * failure), and past the first folder every 7th a rotated copy of a picture of d000 — a
 * near-duplicate once d000 is known (scanned as an earlier case).
 */
export async function writeSeizure(dir: string, count: number): Promise<void> {
  const made: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const folder = join(dir, `d${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) mkdirSync(folder, { recursive: true });
    const name = join(folder, `f${String(i).padStart(5, '0')}.png`);
    let bytes: Buffer;
    if (i === 5) bytes = Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 0x43]);
    else if (i % 10 === 9) bytes = made[i - 5] as Buffer;
    else {
      const px = i % 7 === 6 && i >= 100 ? transform(blobs(64, 48, i % 100), 'rot90') : blobs(64, 48, i);
      bytes = await sharp(Buffer.from(px.data), { raw: { width: px.width, height: px.height, channels: px.channels } })
        .png()
        .toBuffer();
    }
    made.push(bytes);
    writeFileSync(name, bytes);
  }
}

export type KillAt = { files: number } | { ms: number };

/** Runs `vigil scan … --json`, killing it (SIGKILL) at the given moment; says whether it was killed. */
export function scanUntilKilled(args: string[], at: KillAt): Promise<{ killed: boolean; files: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [VIGIL_BIN, 'scan', '--json', ...args], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let files = 0;
    let killed = false;
    const kill = () => {
      if (!killed && child.exitCode === null) killed = child.kill('SIGKILL');
    };
    const timer = 'ms' in at ? setTimeout(kill, at.ms) : undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      files += chunk
        .toString()
        .split('\n')
        .filter((l) => l.includes('"event":"file"')).length;
      if ('files' in at && files >= at.files) kill();
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve({ killed, files });
    });
  });
}
