/**
 * Timing and summary helpers shared by the benches: wall and CPU time of a piece of work,
 * children's CPU time (for benches that run an external tool), medians and percentiles.
 */
import { readFileSync } from 'node:fs';

export interface Sample {
  wallMs: number;
  /** User + system CPU of this process (all its threads) over the same span. */
  cpuMs: number;
}

/** Runs `work` once and returns its wall time (hrtime) and this process's CPU time (cpuUsage). */
export async function measure(work: () => Promise<void> | void): Promise<Sample> {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await work();
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Linux exports /proc times in USER_HZ, which is 100 on every architecture it supports. */
const USER_HZ = 100;

/**
 * User + system CPU (ms) of this process's children that have been waited for (spawnSync waits),
 * from /proc/self/stat (cutime, cstime); null where /proc is not there. Resolution: 10 ms, so
 * take the difference over a whole loop of runs, not per run.
 */
export function childrenCpuMs(): number | null {
  let stat: string;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return null;
  }
  // Fields after the command name (which may hold spaces) start at field 3 (state).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cutime = Number(fields[16 - 3]);
  const cstime = Number(fields[17 - 3]);
  return Number.isFinite(cutime) && Number.isFinite(cstime) ? ((cutime + cstime) * 1000) / USER_HZ : null;
}

/** Peak resident set size of this process so far, in MiB (a high-water mark: it never goes down). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Nearest-rank percentile (p in 0–100): the smallest value with at least p% of values at or below it. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(rank, s.length) - 1];
}

/** Median wall and median CPU of repeated samples (each taken on its own). */
export function medianSample(samples: readonly Sample[]): Sample {
  return { wallMs: median(samples.map((s) => s.wallMs)), cpuMs: median(samples.map((s) => s.cpuMs)) };
}

/** Rounds for display and JSON: 3 significant digits at most, never more than `maxDecimals`. */
export function round(value: number, maxDecimals = 2): number {
  if (!Number.isFinite(value)) return value;
  const digits = value === 0 ? 0 : Math.max(0, Math.min(maxDecimals, 2 - Math.floor(Math.log10(Math.abs(value)))));
  return Number(value.toFixed(digits));
}
