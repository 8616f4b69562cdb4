/**
 * Videos uploaded through the API (issue #8), on both dialects with the embedded job runner: a
 * video becomes media with its facts, vPDQ and stills; its stills come blurred unless revealed,
 * each view audited (a reveal as a view of the content); a grey, smaller re-encode uploaded later
 * is a near-duplicate of it, with a `vpdq` match giving both shares and the matched time ranges.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { type JobWorkers, startJobWorkers } from '../../src/jobs/job-workers.js';
import { anExhibit, finished, upload } from '../jobs/upload-fixtures.js';
import { makeVideo, transcode, videoFolder } from '../support/generated-videos.js';
import { type ApiClient, describeEachServer } from '../support/http-harness.js';

/** Sum of horizontal second differences of the luma: how much fine detail a picture holds. */
async function detail(image: Buffer): Promise<number> {
  const { data, info } = await sharp(image).greyscale().extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  let sum = 0;
  for (let y = 0; y < info.height; y++) {
    for (let x = 1; x < info.width - 1; x++) {
      const i = y * info.width + x;
      sum += Math.abs(data[i - 1] - 2 * data[i] + data[i + 1]);
    }
  }
  return sum;
}

const folder = videoFolder('vigil-upload-video-');
after(folder.remove);
const at = (name: string) => join(folder.dir, name);

before(() => {
  makeVideo(at('clip.mp4'), { seconds: 5, width: 320, height: 240 });
  transcode(at('clip.mp4'), at('clip-grey.avi'), ['-vf', 'scale=240:180,hue=s=0', '-c:v', 'mpeg4', '-q:v', '4']);
});

describeEachServer('video uploads', (suite) => {
  describe('with the embedded job runner', () => {
    let workers: JobWorkers;
    let analyst: ApiClient;
    let exhibit = 0;
    let token = '';
    before(async () => {
      workers = await startJobWorkers(suite.vigil, { pollMs: 50 });
      const agency = await suite.addAgency('Video upload unit', 'SE');
      analyst = await suite.addUser(agency, ['analyst']);
      exhibit = await anExhibit(suite, agency);
      const actor = analyst.actor;
      assert.ok(actor);
      token = (await suite.vigil.apiKeys.createUserToken(actor, { name: 'bytes' })).token;
    });
    after(() => workers.stop(5_000));

    const bytes = async (url: string) => {
      const res = await suite.http.server.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      return { status: res.statusCode, type: String(res.headers['content-type']), body: res.rawPayload };
    };
    const ingest = async (name: string) => {
      const accepted = await upload(analyst, exhibit, [{ name, data: readFileSync(at(name)) }]);
      assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
      const [job] = await finished(analyst, [accepted.body.jobs[0].id]);
      assert.equal(job.status, 'done', JSON.stringify(job));
      return job.result;
    };

    it('stores an uploaded video with its facts and stills, and finds its re-encode', async () => {
      const first = await ingest('clip.mp4');
      assert.equal(first.status, 'new', first.reasons.join(' | '));
      const page = await analyst.get(`/api/v1/media/${first.mediaId}`);
      assert.equal(page.status, 200);
      assert.equal(page.body.mime, 'video/mp4');
      assert.equal(page.body.thumbnail, true, 'the poster frame is the thumbnail');
      const video = page.body.video;
      assert.deepEqual([video.codec, video.width, video.height, video.frames], ['h264', 320, 240, 5]);
      assert.ok(video.stills.length >= 2);
      assert.deepEqual(
        page.body.signals.map((s: { type: string }) => s.type),
        [],
        'the frame list lives with the video, not among the signals',
      );

      const still = await bytes(`/api/v1/media/${first.mediaId}/thumbnail?still=1`);
      assert.equal(still.status, 200);
      assert.match(still.type, /^image\//);
      const clear = await bytes(`/api/v1/media/${first.mediaId}/thumbnail?still=1&reveal=true`);
      assert.equal(clear.status, 200);
      const [blurredDetail, clearDetail] = [await detail(still.body), await detail(clear.body)];
      assert.ok(
        blurredDetail < clearDetail / 2,
        `a still is blurred unless revealed: ${blurredDetail} vs ${clearDetail}`,
      );
      assert.equal((await bytes(`/api/v1/media/${first.mediaId}/thumbnail?still=99`)).status, 404);
      const audited = await suite.vigil.database.db
        .selectFrom('audit_events')
        .select('details')
        .where('record_id', '=', first.mediaId)
        .where('action', '=', 'view')
        .execute();
      assert.ok(
        audited.some((e) => /"part":"still"/.test(e.details) && /"still":1/.test(e.details)),
        'the still view is audited',
      );
      const revealed = await suite.vigil.database.db
        .selectFrom('audit_events')
        .select('details')
        .where('record_id', '=', first.mediaId)
        .where('action', '=', 'view-content')
        .execute();
      assert.ok(
        revealed.some((e) => /"part":"still"/.test(e.details) && /"blurred":false/.test(e.details)),
        'revealing a still is audited as a view of the content',
      );

      const copy = await ingest('clip-grey.avi');
      assert.equal(copy.status, 'near-duplicate', copy.reasons.join(' | '));
      assert.match(copy.reasons[0], new RegExp(`^vPDQ: \\d+% of this video's frames are in media #${first.mediaId}`));
      const matches = await analyst.get('/api/v1/matches?verdict=pending&limit=10');
      const match = matches.body.items.find((m: { mediaId: number }) => m.mediaId === copy.mediaId);
      assert.equal(match?.kind, 'vpdq');
      assert.ok(match.details.queryPercent >= 80 && match.details.comparedRanges.length >= 1, JSON.stringify(match));
    });
  });
});
