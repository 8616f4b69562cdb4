/**
 * The flags every bench takes: --json, --reps N, --files N, --modes a,b, --help. Bad usage exits
 * with code 2 (STYLE.md §6) after printing the reason and the usage to stderr.
 */
import { parseArgs } from 'node:util';

export interface BenchArgs<Mode extends string = string> {
  json: boolean;
  reps: number;
  files?: number;
  /** Modes asked for, in the bench's own order; all when the flag is absent. */
  modes: Mode[];
}

function positiveInt(name: string, raw: string | undefined, usage: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`--${name} needs a whole number ≥ 1, got "${raw}".\n\n${usage}\n`);
    process.exit(2);
  }
  return n;
}

export function parseBenchArgs<Mode extends string>(
  argv: string[],
  allModes: readonly Mode[],
  usage: string,
  defaultReps = 3,
): BenchArgs<Mode> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean', default: false },
        reps: { type: 'string' },
        files: { type: 'string' },
        modes: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${usage}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const asked = typeof values.modes === 'string' ? values.modes.split(',').map((m) => m.trim()) : [...allModes];
  const unknown = asked.filter((m) => !(allModes as readonly string[]).includes(m));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown mode(s): ${unknown.join(', ')}. Known: ${allModes.join(', ')}.\n`);
    process.exit(2);
  }
  return {
    json: values.json === true,
    reps: positiveInt('reps', values.reps as string | undefined, usage) ?? defaultReps,
    files: positiveInt('files', values.files as string | undefined, usage),
    modes: allModes.filter((m) => asked.includes(m)),
  };
}

/** A whole number ≥ 1 from the environment (`_` separators allowed), or `fallback`; exits 2 if malformed. */
export function envCount(name: string, fallback: number, usage: string): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`${name} must be a whole number ≥ 1, got "${raw}".\n\n${usage}\n`);
    process.exit(2);
  }
  return n;
}
