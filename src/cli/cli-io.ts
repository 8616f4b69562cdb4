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

/** The exit status when the reader of our output went away (`vigil … | head`): 128 + SIGPIPE, as a shell reports it. */
export const EXIT_READER_GONE = 141;

/**
 * Node ignores SIGPIPE, so a write to a closed pipe surfaces as an EPIPE error on the stream,
 * which, unhandled, ends the command with a stack trace. Stop quietly instead, as a command
 * killed by SIGPIPE does: what was committed stays (an import or scan run again goes on from it).
 */
const watched = new WeakSet<NodeJS.WriteStream>();

function stopWhenReaderGone(stream: NodeJS.WriteStream): void {
  if (watched.has(stream)) return;
  watched.add(stream);
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(EXIT_READER_GONE);
    throw err;
  });
}

export function processIo(): CliIo {
  stopWhenReaderGone(process.stdout);
  stopWhenReaderGone(process.stderr);
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    errStream: process.stderr,
  };
}
