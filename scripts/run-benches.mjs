#!/usr/bin/env node
// Runs every bench/*.bench.ts in turn through tsx, passing on the other arguments (e.g.
// `npm run bench -- --json --reps 5`). Bench file arguments limit the run to those benches.
// Every bench runs even when one fails; the exit code is then the first failure's.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const BENCH_DIR = 'bench';

function findBenches() {
  try {
    return readdirSync(BENCH_DIR)
      .filter((name) => name.endsWith('.bench.ts'))
      .sort()
      .map((name) => join(BENCH_DIR, name));
  } catch {
    return [];
  }
}

const args = process.argv.slice(2);
const fileArgs = args.filter((a) => a.endsWith('.bench.ts'));
const flags = args.filter((a) => !a.endsWith('.bench.ts'));
const benches = fileArgs.length > 0 ? fileArgs : findBenches();
if (benches.length === 0) {
  console.error(`No *.bench.ts files found under ${BENCH_DIR}/.`);
  process.exit(1);
}
let exitCode = 0;
for (const bench of benches) {
  console.error(`== ${bench}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', bench, ...flags], { stdio: 'inherit' });
  const code = result.status ?? 1;
  if (code !== 0 && exitCode === 0) exitCode = code;
}
process.exit(exitCode);
