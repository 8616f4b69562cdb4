/**
 * The ingest job when things go wrong, on both dialects: a worker killed after it claimed a file
 * (nothing stored) and one killed after it stored a file but before it marked the job done; both
 * jobs are taken up again once their lease runs out (at once after an embedded restart) and end
 * with one media, one sighting and one scan row per file. And a stored upload that is no longer
 * intact: the job is done, the file's status is `error` with the reason, nothing else is written.
 * And blob garbage collection: an upload's blob stays while its job is not done (failed included).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, it } from 'node:test';
import { INGEST_JOB, ingestJob } from '../../src/jobs/ingest.job.js';
import { startJobWorkers } from '../../src/jobs/job-workers.js';
import { closeMetadataReader } from '../../src/media/metadata.js';
import { AuditRepository } from '../../src/storage/audit.repository.js';
import { collectOrphanMediaBlobs } from '../../src/storage/blob-gc.js';
import { describeEachServer, type Json } from '../support/http-harness.js';
import { anExhibit, finished, picturePng, sha256, upload } from './upload-fixtures.js';

after(() => closeMetadataReader());

describeEachServer('ingest jobs that were interrupted', (suite) => {
  const db = () => suite.vigil.database.db;
  const handler = () =>
    ingestJob({
      database: suite.vigil.database,
      blobs: suite.vigil.blobs,
      pdqIndex: suite.vigil.pdqIndex,
      audit: new AuditRepository(suite.dialect),
      tempDir: `${suite.vigil.config.dataDir}/tmp`,
    });
  const idle = { signal: new AbortController().signal, progress: () => {} };

  it('resumes the jobs of a killed worker after their lease, without storing any file twice', async () => {
    const agency = await suite.addAgency('Resume unit', 'DE');
    const analyst = await suite.addUser(agency, ['analyst']);
    const exhibit = await anExhibit(suite, agency);
    const files = [
      { name: 'stored-then-killed.png', data: await picturePng(201) },
      { name: 'claimed-then-killed.png', data: await picturePng(202) },
    ];
    const accepted = await upload(analyst, exhibit, files);
    assert.equal(accepted.status, 202);
    const ids: number[] = accepted.body.jobs.map((j: Json) => j.id);

    // The killed worker: claimed both with a short lease, stored the first file, then died.
    const claimed = [await suite.vigil.jobs.claim([INGEST_JOB], 300), await suite.vigil.jobs.claim([INGEST_JOB], 300)];
    const first = claimed.find((j) => j?.id === ids[0]);
    assert.ok(first && claimed.some((j) => j?.id === ids[1]));
    const stored = await handler()(first, idle);
    assert.equal(stored.status, 'new');
    assert.equal((await analyst.get(`/api/v1/jobs/${ids[0]}`)).body.status, 'running', 'not marked done');

    // Another worker (or the restarted server) takes both up once the lease is over.
    await new Promise((r) => setTimeout(r, 350));
    const workers = await startJobWorkers(suite.vigil, { pollMs: 50 });
    try {
      const jobs = await finished(analyst, ids);
      for (const job of jobs) {
        assert.equal(job.status, 'done');
        assert.equal(job.attempts, 2, 'the second try');
        assert.equal(job.result.status, 'new');
      }
      assert.equal(jobs[0].result.mediaId, stored.mediaId, 'the stored file is not stored again');
      assert.equal(jobs[0].result.alerts, null, 'found stored by the earlier try');
      assert.equal(jobs[1].result.alerts, 0);
    } finally {
      await workers.stop(5_000);
    }
    const sightings = await db().selectFrom('sightings').select('path').where('exhibit_id', '=', exhibit).execute();
    assert.equal(sightings.length, 2, 'one sighting per file');
    const scans = await db().selectFrom('scan_files').select('path').where('exhibit_id', '=', exhibit).execute();
    assert.equal(scans.length, 2, 'one scan row per file');
    for (const f of files) {
      const media = await db().selectFrom('media').select('id').where('sha256', '=', sha256(f.data)).execute();
      assert.equal(media.length, 1);
    }
  });

  it('records a stored upload that is no longer intact as a file error, not a failed job', async () => {
    const agency = await suite.addAgency('Tamper unit', 'FR');
    const analyst = await suite.addUser(agency, ['analyst']);
    const exhibit = await anExhibit(suite, agency);
    const data = await picturePng(203);
    const accepted = await upload(analyst, exhibit, [{ name: 'tampered.png', data }]);
    const [job] = accepted.body.jobs;
    // Flip one byte of the encrypted blob on disk before any worker reads it.
    const path = suite.vigil.blobs.media.pathOf(job.sha256);
    const bytes = readFileSync(path);
    bytes[bytes.length - 20] ^= 0xff;
    writeFileSync(path, bytes);
    const claimed = await suite.vigil.jobs.claim([INGEST_JOB], 60_000);
    assert.ok(claimed && claimed.id === job.id);
    const result = await handler()(claimed, idle);
    assert.equal(result.status, 'error');
    assert.match(String(result.reasons), /read failed: the stored upload is not intact/);
    assert.equal(result.mediaId, null);
    const scan = await db().selectFrom('scan_files').selectAll().where('exhibit_id', '=', exhibit).execute();
    assert.deepEqual(
      scan.map((r) => [r.status, r.media_id]),
      [['error', null]],
    );
    assert.equal((await db().selectFrom('media').select('id').where('sha256', '=', job.sha256).execute()).length, 0);
  });

  it('keeps an upload’s blob while its job is not done, even failed; collects a refused request’s', async () => {
    const agency = await suite.addAgency('Keep unit', 'PL');
    const actor = { userId: null, agencyId: agency, roles: ['analyst' as const] };
    const exhibit = await suite.vigil.uploads.exhibitFor(actor, await anExhibit(suite, agency));
    const waiting = await suite.vigil.uploads.receive([await picturePng(204)], 0);
    const refused = await suite.vigil.uploads.receive([await picturePng(205)], 1);
    const { jobs } = await suite.vigil.uploads.accept(actor, exhibit, [{ index: 0, name: 'w.png', ...waiting }]);
    const gc = () => collectOrphanMediaBlobs(db(), suite.vigil.blobs.media, { now: Date.now() + 2 * 86_400_000 });
    assert.ok((await gc()).removed.includes(refused.sha256));
    assert.equal(await suite.vigil.blobs.media.has(waiting.sha256), true, 'its job is queued');
    const claimed = await suite.vigil.jobs.claim([INGEST_JOB], 60_000);
    assert.ok(claimed && claimed.id === jobs[0]?.id);
    assert.ok(await suite.vigil.jobs.fail(claimed, 'gave up', { retry: false }));
    assert.deepEqual((await gc()).removed, []);
    assert.equal(await suite.vigil.blobs.media.has(waiting.sha256), true, 'a failed upload is not lost');
  });
});
