/**
 * Every command's options are parsed the same way: positionals allowed, and a parse failure is a
 * `bad-usage` error that says what was wrong and shows the command's usage.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { AppError } from '../domain/app-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, allowPositionals: true as const, options });
  } catch (cause) {
    throw new AppError('bad-usage', `${(cause as Error).message}\n\n${usage}`);
  }
}

/** `--log LEVEL`: one of `levels` (default info), else a `bad-usage` error naming them. */
export function logLevelOf<L extends string>(raw: string | undefined, levels: readonly L[]): L {
  const level = raw ?? 'info';
  if (!(levels as readonly string[]).includes(level)) {
    throw new AppError('bad-usage', `--log must be one of ${levels.join(', ')} (got "${level}").`);
  }
  return level as L;
}
