/**
 * The `vigil` command: dispatches to one command module and maps AppErrors to exit codes
 * (STYLE.md §6: 2 bad usage, 3 missing dependency, 4 partial failure).
 */
import { readFileSync } from 'node:fs';
import { AppError, EXIT } from '../domain/app-error.js';
import { type CliIo, processIo } from './cli-io.js';
import { exportCommand } from './export.command.js';
import { hashCommand } from './hash.command.js';
import { importCommand } from './import.command.js';
import { scanCommand } from './scan.command.js';
import { serveCommand } from './serve.command.js';
import { userCommand } from './user.command.js';
import { workerCommand } from './worker.command.js';

export const USAGE = `Vigil — victim-identification media hashing and matching.

Usage: vigil <command> [options]

Commands:
  hash <files or folders...>   PDQ, MD5, SHA-1 and SHA-256 of files (see vigil hash --help)
  scan --case REF <paths...>   scan seized files into a case, resumable, with a report (vigil scan --help)
  import <file> --as NAME      read a hash list (CSV, HMA PDQ, NSRL…) into a hash set (vigil import --help)
  export --format F …          write a hash set, case or series as a hash list (vigil export --help)
  serve                        the multi-agency server: API on :8080 and /docs (vigil serve --help)
  worker                       work off the PostgreSQL hub's upload jobs, on any machine (vigil worker --help)
  user <action>                account rescue from the console: list, reset-password, unlock, reset-totp

Run "vigil <command> --help" for a command's options; "vigil --version" for the version.`;

/** The version in package.json, the one an npm install or a clone of a release carries. */
export function vigilVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  hash: hashCommand,
  scan: scanCommand,
  import: importCommand,
  export: exportCommand,
  serve: (argv, io) => serveCommand(argv, io),
  worker: (argv, io) => workerCommand(argv, io),
  user: userCommand,
};

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    // Bad usage: the text goes with the other errors, not into what a script reads as output.
    io.err(USAGE);
    return EXIT.usage;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (command === '--version' || command === '-V' || command === 'version') {
    io.out(`vigil ${vigilVersion()}`);
    return EXIT.ok;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.err(`vigil: unknown command "${command}".\n\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    return await run(rest, io);
  } catch (cause) {
    if (cause instanceof AppError) {
      io.err(`vigil ${command}: ${cause.message}`);
      return cause.exitCode;
    }
    io.err(`vigil ${command}: unexpected error: ${cause instanceof Error ? (cause.stack ?? cause.message) : cause}`);
    return EXIT.error;
  }
}
