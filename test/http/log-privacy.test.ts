/**
 * "No path or content in logs" (issue #7), on both dialects: the server's own log output (its
 * pino logger at debug level, and the embedded job runner logging through it as `serve` does) is
 * captured while files with telling names, a caption in their metadata and text content are
 * uploaded and ingested, and while an upload fails on a broken data directory (a file-system
 * error whose message holds the path). The failure must be logged (class, code, request id,
 * which the client is told) and no line may hold a file name, folder, caption, content, the data
 * directory or a stack trace.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import sharp from 'sharp';
import { type JobWorkers, startJobWorkers } from '../../src/jobs/job-workers.js';
import { closeMetadataReader } from '../../src/media/metadata.js';
import { anExhibit, corruptJpeg, finished, picturePng, upload } from '../jobs/upload-fixtures.js';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';

const lines: string[] = [];
const stream = { write: (line: string) => void lines.push(line) };
const marker = () => `zq${randomBytes(6).toString('hex')}`;

after(() => closeMetadataReader());

describeEachServer(
  'log privacy',
  (suite) => {
    let workers: JobWorkers;
    let analyst: ApiClient;
    let exhibitId = 0;

    before(async () => {
      const log = suite.http.server.log;
      workers = await startJobWorkers(suite.vigil, {
        pollMs: 50,
        log: (lvl, message, fields) => log[lvl](fields, message),
      });
      analyst = await suite.addUser(await suite.addAgency('Log privacy unit'), ['analyst']);
      exhibitId = await anExhibit(suite, analyst.actor?.agencyId ?? 0);
    });
    after(() => workers.stop(5_000));

    it('logs ingest and a failing upload by ids and codes, never a path, name or content', async () => {
      const from = lines.length;
      const [folder, name, caption, text] = [marker(), marker(), marker(), marker()];
      const captioned = await sharp(await picturePng(71))
        .jpeg()
        .withExif({ IFD0: { ImageDescription: `caption ${caption}` } })
        .toBuffer();
      const files = [
        { name: `${folder}/${name}-captioned.jpg`, data: captioned },
        { name: `${folder}/${name}-broken.jpg`, data: corruptJpeg() },
        { name: `${folder}/${name}-notes.txt`, data: Buffer.from(`private notes ${text}\n`) },
      ];
      const accepted = await upload(analyst, exhibitId, files);
      assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
      const jobs = await finished(
        analyst,
        accepted.body.jobs.map((j: { id: number }) => j.id),
      );
      assert.deepEqual(
        jobs.map((j) => j.status),
        ['done', 'done', 'done'],
      );

      // A data directory broken under the server: where the blob store's temporary folder should
      // be there is a file, so storing the next upload fails with EEXIST and that path.
      const temp = join(suite.vigil.blobs.media.root, '.tmp');
      rmSync(temp, { recursive: true, force: true });
      writeFileSync(temp, 'not a folder');
      let failed: Awaited<ReturnType<typeof upload>>;
      try {
        failed = await upload(analyst, exhibitId, [
          { name: `${folder}/${name}-again.png`, data: await picturePng(72) },
        ]);
      } finally {
        rmSync(temp, { force: true });
      }
      assert.equal(failed.status, 500);
      assert.equal(failed.body.code, 'internal');
      const requestId = failed.body.details.requestId;
      assert.match(failed.body.message, new RegExp(`request ${requestId}`));

      const logged = lines.slice(from);
      const entries = logged.map((l) => JSON.parse(l));
      const unexpected = entries.find((e) => e.msg === 'unexpected error');
      assert.ok(unexpected, `the failure is logged:\n${logged.join('')}`);
      assert.equal(unexpected.reqId, requestId, 'under the id the client was given');
      assert.equal(unexpected.route, '/api/v1/exhibits/:id/uploads');
      assert.match(unexpected.code, /^E[A-Z]+$/);
      assert.equal(entries.filter((e) => e.msg === 'job done').length, 3, 'the ingest was logged');

      const all = logged.join('');
      for (const secret of [folder, name, caption, text, suite.vigil.config.dataDir]) {
        assert.ok(!all.includes(secret), `"${secret}" appears in the log:\n${all}`);
      }
      assert.doesNotMatch(all, /\/tmp\/|\bat .+:\d+:\d+|"stack"|"err"/, 'no path and no stack trace');
    });
  },
  { http: { logger: { level: 'debug', stream } } },
);
