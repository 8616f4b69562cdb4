/**
 * `vigil serve` stopping on SIGTERM, as a real process on a real socket, on both dialects: an
 * upload whose body is still arriving when the signal comes is finished and accepted (202), the
 * server takes no new connections meanwhile, and an upload that never ends cannot hold the stop:
 * after the shutdown grace (`--shutdown-grace 2`) its connection is closed, a line says so, and
 * the process exits 0.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { createApp } from '../../src/app.js';
import { AgencyRepository } from '../../src/storage/agency.repository.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { SQLITE_FILE_NAME } from '../../src/storage/database.config.js';
import { DIALECTS } from '../../src/storage/dialect-name.js';
import { picturePng } from '../jobs/upload-fixtures.js';
import { createScratchTarget } from '../support/scratch-database.js';
import { startServe } from '../support/serve-process.js';

const GRACE_S = 2;
const dir = mkdtempSync(join(tmpdir(), 'vigil-shutdown-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An upload sent in pieces: its head and half the file now, the rest when `finish()` is called. */
function slowUpload(base: string, token: string, exhibitId: number, file: Buffer) {
  const boundary = `----vigil-${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.png"\r\nContent-Type: image/png\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const req = request(`${base}/api/v1/exhibits/${exhibitId}/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  const half = Math.floor(file.length / 2);
  req.write(head);
  req.write(file.subarray(0, half));
  return {
    answer,
    finish: () => {
      req.write(file.subarray(half));
      req.end(tail);
    },
  };
}

for (const dialect of DIALECTS) {
  const name = `on SIGTERM finishes a running upload, and cuts off one that outlasts the grace [${dialect}]`;
  it(name, { timeout: 90_000 }, async () => {
    const target = await createScratchTarget(dialect);
    const dataDir = join(dir, dialect);
    const env = target.config.dialect === 'postgres' ? { DATABASE_URL: target.config.url } : { DATABASE_URL: '' };
    try {
      // An analyst's token and an exhibit, made before the server starts.
      // The database serve opens: the scratch PostgreSQL, or the embedded file under --db.
      const database =
        target.config.dialect === 'postgres'
          ? target.config
          : { dialect: 'sqlite' as const, file: join(dataDir, SQLITE_FILE_NAME) };
      const hub = await createApp({ database, dataDir });
      const agencies = new AgencyRepository(hub.database.db);
      const agencyId = (await agencies.create({ countryCode: 'FI', name: 'Shutdown unit' })).id;
      const user = await agencies.createUser({ agencyId, username: 'up', displayName: 'Up', roles: ['analyst'] });
      const { token } = await hub.apiKeys.createUserToken(
        { userId: user.id, agencyId, roles: user.roles },
        { name: 't' },
      );
      const cases = new CaseRepository(hub.database.db);
      const caseId = (await cases.createCase({ agencyId, reference: 'SD-1', title: 'Shutdown' })).id;
      const exhibitId = (await cases.createExhibit({ caseId, label: 'disk' })).id;
      await hub.close();

      const serve = await startServe(dataDir, env, ['--shutdown-grace', String(GRACE_S)]);
      const finishing = slowUpload(serve.base, token, exhibitId, await picturePng(501));
      const stalled = slowUpload(serve.base, token, exhibitId, await picturePng(502));
      const stalledOutcome = stalled.answer.then(
        (r) => `answered ${r.status}`,
        (e: NodeJS.ErrnoException) => `cut off (${e.code ?? e.message})`,
      );
      await sleep(500); // both requests are in the server's hands
      const signalled = Date.now();
      serve.child.kill('SIGTERM');
      while (!/Stopping \(SIGTERM\)/.test(serve.output())) await sleep(20);
      await assert.rejects(fetch(`${serve.base}/health`), 'no new connections while stopping');

      finishing.finish();
      const done = await finishing.answer;
      assert.equal(done.status, 202, done.body);
      assert.equal((JSON.parse(done.body) as { jobs: unknown[] }).jobs.length, 1);

      const exited = await Promise.race([serve.exit, sleep((GRACE_S + 15) * 1000).then(() => 'still running')]);
      if (exited === 'still running') serve.child.kill('SIGKILL');
      assert.equal(exited, 0, serve.output());
      const took = (Date.now() - signalled) / 1000;
      assert.ok(took >= GRACE_S - 0.2, `the stop waited for the grace (${took} s)`);
      assert.match(serve.output(), /Stopping \(SIGTERM\): finishing running requests \(at most 2 s\)/);
      assert.match(serve.output(), /Shutdown grace of 2 s is over: closing the connections of requests still running/);
      assert.match(await stalledOutcome, /^cut off/);
    } finally {
      await target.cleanup();
    }
  });
}
