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
