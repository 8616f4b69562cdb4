/**
 * Timing an external command-line tool run once per file (e.g. `djpeg` as the decode floor):
 * wall time from spawnSync, CPU from the children's times in /proc/self/stat, and the tool's own
 * peak RSS through /usr/bin/time where that is installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { childrenCpuMs, type Sample } from './stats.js';

/** The command's path on PATH, or null when it is not installed. */
export function findCommand(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

/**
 * Runs `command ...args(file)` once per file, in turn. Wall time includes spawning each process;
 * CPU is the children's user + system time (falls back to wall where /proc is not there).
 */
export function timeCommandPerFile(
  command: string,
  args: (file: string) => string[],
  files: readonly string[],
): Sample & { failed: number } {
  let failed = 0;
  const cpu0 = childrenCpuMs();
  const t0 = process.hrtime.bigint();
  for (const file of files) {
    const r = spawnSync(command, args(file), { stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) failed++;
  }
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu1 = childrenCpuMs();
  return { wallMs, cpuMs: cpu0 === null || cpu1 === null ? wallMs : cpu1 - cpu0, failed };
}

/** Peak RSS (MiB) of one run of the command through GNU time, or null without /usr/bin/time. */
export function commandPeakRssMb(command: string, args: string[]): number | null {
  if (!existsSync('/usr/bin/time')) return null;
  const r = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const kb = Number(r.stderr.trim().split('\n').pop());
  return r.status === 0 && Number.isFinite(kb) ? kb / 1024 : null;
}
