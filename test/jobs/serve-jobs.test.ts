/**
 * The embedded `vigil serve` runs its own upload jobs: files uploaded over a real socket are
 * ingested by the in-process runner; jobs left queued or half-run by a server that was killed are
 * done after the next start, without waiting for their lease; SIGTERM still exits 0.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createApp } from '../../src/app.js';
import { INGEST_JOB } from '../../src/jobs/ingest.job.js';
import { closeMetadataReader } from '../../src/media/metadata.js';
import { AgencyRepository } from '../../src/storage/agency.repository.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { SQLITE_FILE_NAME } from '../../src/storage/database.config.js';
import { startServe } from '../support/serve-process.js';
import { picturePng } from './upload-fixtures.js';

const dataDir = mkdtempSync(join(tmpdir(), 'vigil-serve-jobs-'));
after(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await closeMetadataReader();
});

const openHub = () => createApp({ database: { dialect: 'sqlite', file: join(dataDir, SQLITE_FILE_NAME) }, dataDir });

interface JobOut {
  status: string;
  result: { status: string };
}

async function waitDone(base: string, token: string, ids: number[]): Promise<JobOut[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const jobs = await Promise.all(
      ids.map(
        async (id) =>
          (
            await fetch(`${base}/api/v1/jobs/${id}`, { headers: { authorization: `Bearer ${token}` } })
          ).json() as Promise<JobOut>,
      ),
    );
    if (jobs.every((j) => j.status === 'done' || j.status === 'failed')) return jobs;
    assert.ok(Date.now() < deadline, `jobs not done: ${JSON.stringify(jobs)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('vigil serve ingests uploads itself and finishes, after a restart, the jobs a killed server left', async () => {
  // An agency with an analyst's token and an exhibit, made before the server starts.
  let hub = await openHub();
  const agencyId = (await new AgencyRepository(hub.database.db).create({ countryCode: 'SE', name: 'Serve unit' })).id;
  const user = await new AgencyRepository(hub.database.db).createUser({
    agencyId,
    username: 'uploader',
    displayName: 'Uploader',
    roles: ['analyst'],
  });
  const actor = { userId: user.id, agencyId, roles: user.roles };
  const { token } = await hub.apiKeys.createUserToken(actor, { name: 'test' });
  const cases = new CaseRepository(hub.database.db);
  const exhibitId = (
    await cases.createExhibit({
      caseId: (await cases.createCase({ agencyId, reference: 'SV-1', title: 'Serve' })).id,
      label: 'disk',
    })
  ).id;
  await hub.close();

  const env = { DATABASE_URL: '' };
  const first = await startServe(dataDir, env);
  try {
    assert.match(first.output(), /upload jobs: 2 at once in this process/);
    const form = new FormData();
    form.append('file', new Blob([await picturePng(401)]), 'one.png');
    form.append('file', new Blob([Buffer.alloc(3 * 1024 * 1024, 9)]), 'large.bin');
    const response = await fetch(`${first.base}/api/v1/exhibits/${exhibitId}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    assert.equal(response.status, 202);
    const accepted = (await response.json()) as { jobs: { id: number }[] };
    const jobs = await waitDone(
      first.base,
      token,
      accepted.jobs.map((j) => j.id),
    );
    assert.deepEqual(
      jobs.map((j) => [j.status, j.result.status]),
      [
        ['done', 'new'],
        ['done', 'new'],
      ],
    );
  } finally {
    first.child.kill('SIGTERM');
  }
  assert.equal(await first.exit, 0, first.output());

  // What a server killed mid-work leaves: one job queued, one running under a long lease.
  hub = await openHub();
  const exhibit = await hub.uploads.exhibitFor(actor, exhibitId);
  const files = [];
  for (let i = 0; i < 2; i++)
    files.push({ index: i, name: `left-${i}.png`, ...(await hub.uploads.receive([await picturePng(410 + i)], i)) });
  const left = await hub.uploads.accept(actor, exhibit, files);
  assert.ok(await hub.jobs.claim([INGEST_JOB], 60 * 60_000));
  await hub.close();

  const second = await startServe(dataDir, env);
  try {
    const jobs = await waitDone(
      second.base,
      token,
      left.jobs.map((j) => j.id),
    );
    assert.deepEqual(
      jobs.map((j) => j.status),
      ['done', 'done'],
    );
  } finally {
    second.child.kill('SIGTERM');
  }
  assert.equal(await second.exit, 0, second.output());
});
