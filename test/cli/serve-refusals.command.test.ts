/**
 * `vigil serve` refusing to start says why and what to do, with no stack trace: an unknown log
 * level, a port already taken. A start that fails does not use up the first admin's one-time
 * password: the next start that listens still prints it.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { it } from 'node:test';
import { serveCommand } from '../../src/cli/serve.command.js';
import { AppError } from '../../src/domain/app-error.js';
import { tempFolder } from '../support/temp-folder.js';

process.env.DATABASE_URL = '';
const { dir } = tempFolder('vigil-serve-refusals-');

function recorder() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

const stopAtOnce = { stopped: Promise.resolve('test') };

it('refuses an unknown --log level as bad usage, naming the levels', async () => {
  const rec = recorder();
  await assert.rejects(
    serveCommand(['--db', join(dir, 'log'), '--log', 'loud', '--port', '0'], rec.io, stopAtOnce),
    (e) => {
      assert.ok(AppError.is(e, 'bad-usage'), String(e));
      assert.match(e.message, /--log must be one of info, warn, error, debug, silent \(got "loud"\)/);
      return true;
    },
  );
});

it('a port in use is refused with what to do, and the one-time password is shown on the next start', async () => {
  const taken = createServer();
  taken.listen(0, '127.0.0.1');
  await once(taken, 'listening');
  const port = (taken.address() as { port: number }).port;
  const dataDir = join(dir, 'port');
  try {
    const failed = recorder();
    await assert.rejects(
      serveCommand(['--db', dataDir, '--port', String(port), '--log', 'silent'], failed.io, stopAtOnce),
      (e) => {
        assert.ok(AppError.is(e, 'conflict'), String(e));
        assert.match(e.message, new RegExp(`127\\.0\\.0\\.1:${port} is already in use .*give --port N`));
        return true;
      },
    );
    assert.doesNotMatch(failed.out.join('\n'), /one-time password/);
  } finally {
    taken.close();
  }
  const next = recorder();
  assert.equal(await serveCommand(['--db', dataDir, '--port', '0', '--log', 'silent'], next.io, stopAtOnce), 0);
  assert.match(next.out.join('\n'), /created the account "admin" with the one-time password/, next.out.join('\n'));
});
