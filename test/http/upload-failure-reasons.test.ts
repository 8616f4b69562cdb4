/**
 * What an investigator reads when an uploaded file cannot be hashed (issue #7), on both dialects
 * with the embedded job runner: a video cut short and a damaged JPEG, uploaded for real through
 * the API. The job's result and the exhibit's scan results give a per-file cause to act on, on one
 * short line, and never a server folder (the data directory, the temp folders the upload and
 * ffmpeg's copy passed through).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MAX_REASON } from '../../src/domain/public-reason.js';
import { type JobWorkers, startJobWorkers } from '../../src/jobs/job-workers.js';
import { anExhibit, corruptJpeg, finished, upload } from '../jobs/upload-fixtures.js';
import { makeVideo, videoFolder } from '../support/generated-videos.js';
import { type ApiClient, describeEachServer, type Json } from '../support/http-harness.js';

const folder = videoFolder('vigil-upload-reasons-');
after(folder.remove);
let cut: Buffer;

before(() => {
  const whole = readFileSync(makeVideo(join(folder.dir, 'clip.mp4'), { seconds: 3, width: 160, height: 120 }));
  cut = whole.subarray(0, Math.floor(whole.length * 0.4));
});

describeEachServer('reasons of files that failed to ingest', (suite) => {
  describe('with the embedded job runner', () => {
    let workers: JobWorkers;
    let analyst: ApiClient;
    let exhibit = 0;
    before(async () => {
      workers = await startJobWorkers(suite.vigil, { pollMs: 50 });
      const agency = await suite.addAgency('Reasons unit', 'NL');
      analyst = await suite.addUser(agency, ['analyst']);
      exhibit = await anExhibit(suite, agency);
    });
    after(() => workers.stop(5_000));

    /** Every text a reader gets: no server folder, one line, capped. */
    const assertTellable = (texts: readonly string[]) => {
      const secret = [suite.vigil.config.dataDir, tmpdir(), 'ingest-video-', 'upload-'];
      for (const text of texts) {
        for (const s of secret) assert.ok(!text.includes(s), `"${text}" holds ${s}`);
        assert.ok(!text.includes('\n') && text.length <= MAX_REASON, text);
      }
    };
    const ingest = async (name: string, data: Buffer): Promise<Json> => {
      const accepted = await upload(analyst, exhibit, [{ name, data }]);
      assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
      const [job] = await finished(analyst, [accepted.body.jobs[0].id]);
      assert.equal(job.status, 'done', JSON.stringify(job));
      return job.result;
    };
    const storedReasons = async (name: string): Promise<string[]> => {
      const page = await analyst.get(`/api/v1/exhibits/${exhibit}/scan-results`);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      const row = page.body.items.find((r: Json) => r.path.endsWith(`/${name}`));
      assert.ok(row, `${name} is among the results`);
      return row.reasons;
    };

    it('a video cut short: the video step failed, saying why, with no server folder', async () => {
      const result = await ingest('cut-short.mp4', cut);
      const video = result.reasons.find((r: string) => r.startsWith('video failed: '));
      assert.ok(video, `a video reason: ${result.reasons.join(' | ')}`);
      assert.match(video, /^video failed: The video file is damaged or cut short; ffmpeg says: \S/);
      assertTellable(result.reasons);
      const stored = await storedReasons('cut-short.mp4');
      assert.deepEqual(stored, result.reasons, 'the scan result holds the same reasons');
    });

    it('a damaged JPEG: the decode step failed, saying why, with no server folder', async () => {
      const result = await ingest('damaged.jpg', corruptJpeg());
      const decode = result.reasons.find((r: string) => r.startsWith('decode failed: '));
      assert.ok(decode, `a decode reason: ${result.reasons.join(' | ')}`);
      assert.ok(decode.length > 'decode failed: '.length + 10, 'a cause, not just a step');
      assertTellable(result.reasons);
      assertTellable(await storedReasons('damaged.jpg'));
    });
  });
});
