/**
 * The wait before a process's next timed index refresh: the mean jittered ±50 %, uniform over
 * [mean/2, 3·mean/2), so that API and worker processes started together (a deploy, a restart)
 * spread their refreshes out instead of querying the database in step (no storms, issue #7).
 */
export function jitteredDelay(meanMs: number, random: number = Math.random()): number {
  if (!Number.isFinite(meanMs) || meanMs <= 0) {
    throw new RangeError(`The refresh interval must be a positive number of milliseconds (got ${meanMs}).`);
  }
  const r = Number.isFinite(random) ? Math.min(Math.max(random, 0), 1 - Number.EPSILON) : 0.5;
  return meanMs * (0.5 + r);
}
