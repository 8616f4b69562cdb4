/**
 * `vigil serve` as a real process on a real socket, on both dialects: first start prints a
 * one-time password (and the second start does not), the API and /docs answer, sign-in works,
 * SIGTERM stops it gracefully with exit status 0.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { DIALECTS } from '../../src/storage/dialect-name.js';
import { createScratchTarget } from '../support/scratch-database.js';
import { startServe } from '../support/serve-process.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-serve-'));
after(() => rmSync(dir, { recursive: true, force: true }));

for (const dialect of DIALECTS) {
  it(`serves the API and /docs, with a one-time admin password on first start only [${dialect}]`, async () => {
    const target = await createScratchTarget(dialect);
    const env = target.config.dialect === 'postgres' ? { DATABASE_URL: target.config.url } : { DATABASE_URL: '' };
    const dataDir = join(dir, dialect);
    try {
      const first = await startServe(dataDir, env);
      try {
        const password = first.firstPassword();
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

      const second = await startServe(dataDir, env);
      second.child.kill('SIGTERM');
      assert.equal(await second.exit, 0);
      assert.doesNotMatch(second.output(), /one-time password/, 'the admin is created once');
    } finally {
      await target.cleanup();
    }
  });
}
