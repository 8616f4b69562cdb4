/**
 * Where a command writes: stdout lines for results, stderr lines for people. Tests pass a
 * recorder; `main` passes the process streams.
 */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** The stream progress bars draw on (only when it is a TTY). */
  errStream?: NodeJS.WriteStream;
}

export function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    errStream: process.stderr,
  };
}
