/**
 * `vigil worker`: refused on the embedded database (the server runs its own jobs), and on
 * PostgreSQL two workers (two apps, two pools, one data directory, as on two machines sharing the
 * blob store) work off the hub's upload jobs together, each job once, and stop when told.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createApp } from '../../src/app.js';
import { workerCommand } from '../../src/cli/worker.command.js';
import { AppError } from '../../src/domain/app-error.js';
import { closeMetadataReader } from '../../src/media/metadata.js';
import { AgencyRepository } from '../../src/storage/agency.repository.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { createScratchTarget } from '../support/scratch-database.js';
import { picturePng } from './upload-fixtures.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-worker-'));
  dirs.push(dir);
  return dir;
};
after(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await closeMetadataReader();
});

const silentIo = () => {
  const lines: string[] = [];
  return { lines, io: { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) } };
};

test('vigil worker refuses the embedded database and opens nothing', async () => {
  const dataDir = tempDir();
  const { io } = silentIo();
  await assert.rejects(
    workerCommand(['--db', dataDir], io, { stopped: new Promise(() => {}) }, {}),
    (err: unknown) =>
      AppError.is(err, 'bad-usage') &&
      /set DATABASE_URL/.test(err.message) &&
      /vigil serve runs the jobs/.test(err.message),
  );
  assert.equal(existsSync(join(dataDir, 'vigil.sqlite')), false);
});

test('two vigil worker processes share the PostgreSQL hub’s upload jobs', async () => {
  const target = await createScratchTarget('postgres');
  const dataDir = tempDir();
  const hub = await createApp({ database: target.config, dataDir });
  try {
    const agencyId = (await new AgencyRepository(hub.database.db).create({ countryCode: 'IT', name: 'Worker unit' }))
      .id;
    const cases = new CaseRepository(hub.database.db);
    const c = await cases.createCase({ agencyId, reference: 'W-1', title: 'Workers' });
    const exhibit = await cases.createExhibit({ caseId: c.id, label: 'phone' });
    const actor = { userId: null, agencyId, roles: ['analyst' as const] };
    const files = [];
    for (let i = 0; i < 6; i++) {
      const stored = await hub.uploads.receive([await picturePng(300 + i)], i);
      files.push({ index: i, name: `picture-${i}.png`, ...stored });
    }
    const accepted = await hub.uploads.accept(actor, await hub.uploads.exhibitFor(actor, exhibit.id), files);

    let stop: (why: string) => void = () => {};
    const stopped = new Promise<string>((resolve) => {
      stop = resolve;
    });
    const env = { DATABASE_URL: (target.config as { url: string }).url };
    const outputs = [silentIo(), silentIo()];
    const running = outputs.map((o) =>
      workerCommand(['--db', dataDir, '--concurrency', '2', '--grace', '5'], o.io, { stopped }, env),
    );
    const deadline = Date.now() + 60_000;
    for (;;) {
      const jobs = await Promise.all(accepted.jobs.map((j) => hub.jobs.get(j.id)));
      if (jobs.every((j) => j?.status === 'done')) {
        for (const j of jobs) {
          assert.equal(j?.attempts, 1, 'each job done by one worker, once');
          assert.equal(j?.result?.status, 'new');
        }
        break;
      }
      assert.ok(Date.now() < deadline, `jobs not done: ${jobs.map((j) => j?.status).join(', ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    stop('SIGTERM');
    assert.deepEqual(await Promise.all(running), [0, 0]);
    const log = outputs.flatMap((o) => o.lines).join('\n');
    assert.equal((log.match(/job done/g) ?? []).length, 6);
    assert.match(log, /Stopping \(SIGTERM\)/);
    const sightings = await hub.database.db
      .selectFrom('sightings')
      .select('id')
      .where('exhibit_id', '=', exhibit.id)
      .execute();
    assert.equal(sightings.length, 6);
  } finally {
    await hub.close();
    await target.cleanup();
  }
});
