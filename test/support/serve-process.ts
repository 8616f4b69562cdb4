/**
 * `vigil serve` as a real child process on a free loopback port, for tests that need a socket
 * (CLI and browser tests). Resolves once it prints its address; `stop()` sends SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

const BIN = join(REPO_ROOT, 'bin/vigil.js');

export interface ServeProcess {
  child: ChildProcess;
  /** e.g. http://127.0.0.1:41234 */
  base: string;
  output(): string;
  /** The one-time admin password printed on first start, or null. */
  firstPassword(): string | null;
  exit: Promise<number | null>;
  stop(): Promise<number | null>;
}

/** `args`: more `vigil serve` options (e.g. `--shutdown-grace 2`). */
export function startServe(dataDir: string, env: NodeJS.ProcessEnv = {}, args: string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', dataDir, '--log', 'silent', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vigil serve did not start in 60 s:\n${text}`)), 60_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /serving (http:\/\/[^/\s]+)\/api\/v1/.exec(text);
      const complete = /shown only this once|database: \w+\.\n/.test(text);
      if (match?.[1] && complete) {
        clearTimeout(timer);
        const base = match[1];
        resolve({
          child,
          base,
          output: () => text,
          firstPassword: () => /one-time password\s+(\S+)/.exec(text)?.[1] ?? null,
          exit,
          stop: () => {
            child.kill('SIGTERM');
            return exit;
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`vigil serve exited early (${code}):\n${text}`));
    });
  });
}
