/**
 * `vigil serve` as a real process on a real socket, on both dialects: first start prints a
 * one-time password (and the second start does not), the API and /docs answer, sign-in works,
 * SIGTERM stops it gracefully with exit status 0.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { DIALECTS } from '../../src/storage/dialect-name.js';
import { REPO_ROOT } from '../support/paths.js';
import { createScratchTarget } from '../support/scratch-database.js';

const BIN = join(REPO_ROOT, 'bin/vigil.js');
const dir = mkdtempSync(join(tmpdir(), 'vigil-serve-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Running {
  child: ChildProcess;
  base: string;
  output: () => string;
  exit: Promise<number | null>;
}

/** Starts `vigil serve --port 0` and waits for the line that names its address. */
function start(dataDir: string, env: NodeJS.ProcessEnv): Promise<Running> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', dataDir, '--log', 'silent'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in 60 s:\n${text}`)), 60_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /serving (http:\/\/[^/\s]+)\/api\/v1/.exec(text);
      if (match?.[1] && /one-time password|database:/.test(text)) {
        clearTimeout(timer);
        setTimeout(() => resolve({ child, base: match[1] as string, output: () => text, exit }), 200);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    exit.then((code) => reject(new Error(`serve exited early (${code}):\n${text}`)));
  });
}

for (const dialect of DIALECTS) {
  it(`serves the API and /docs, with a one-time admin password on first start only [${dialect}]`, async () => {
    const target = await createScratchTarget(dialect);
    const env = target.config.dialect === 'postgres' ? { DATABASE_URL: target.config.url } : { DATABASE_URL: '' };
    const dataDir = join(dir, dialect);
    try {
      const first = await start(dataDir, env);
      try {
        const password = /one-time password\s+(\S+)/.exec(first.output())?.[1];
        assert.ok(password, first.output());
        assert.equal((await fetch(`${first.base}/health`)).status, 200);
        assert.equal((await fetch(`${first.base}/ready`)).status, 200);
        const docs = await fetch(`${first.base}/docs/json`);
        assert.equal(docs.status, 200);
        const spec = (await docs.json()) as { openapi: string; paths: Record<string, unknown> };
        assert.match(spec.openapi, /^3\./);
        assert.ok('/api/v1/auth/login' in spec.paths);
        const ui = await fetch(`${first.base}/docs/static/index.html`);
        assert.equal(ui.status, 200);
        assert.doesNotMatch(await ui.text(), /https?:\/\/(?!localhost)/, 'the docs UI loads nothing from elsewhere');
        const login = await fetch(`${first.base}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password }),
        });
        assert.equal(login.status, 200);
        assert.equal(((await login.json()) as { pending: string }).pending, 'password-change');
        const problem = await fetch(`${first.base}/api/v1/nowhere`);
        assert.equal(problem.status, 404);
        assert.deepEqual(Object.keys((await problem.json()) as object).sort(), ['code', 'message']);
      } finally {
        first.child.kill('SIGTERM');
      }
      assert.equal(await first.exit, 0, first.output());
      assert.match(first.output(), /Stopping \(SIGTERM\)/);

      const second = await start(dataDir, env);
      second.child.kill('SIGTERM');
      assert.equal(await second.exit, 0);
      assert.doesNotMatch(second.output(), /one-time password/, 'the admin is created once');
    } finally {
      await target.cleanup();
    }
  });
}
