import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { makeAudio, makeVideo, videoFolder } from '../../test/support/generated-videos.js';
import { formatVpdqFeatures } from '../signals/vpdq/vpdq-feature.js';
import { hashVideo } from '../signals/vpdq/vpdq-hasher.js';
import { scanVideoFile } from './video-scan.js';

const folder = videoFolder('vigil-video-scan-');
after(folder.remove);
const at = (name: string) => join(folder.dir, name);

before(() => {
  makeVideo(at('clip.mp4'), {
    seconds: 10,
    width: 640,
    height: 360,
    rate: '25',
    extraInput: ['-f', 'lavfi', '-i', 'sine'],
  });
});

test('one decode gives the vPDQ value, the facts, a poster and stills spread over the video', async () => {
  const r = await scanVideoFile(at('clip.mp4'));
  assert.ok('video' in r, JSON.stringify(r));
  const { video } = r;
  assert.equal(video.vpdq, formatVpdqFeatures((await hashVideo(at('clip.mp4'))).features));
  assert.equal(video.frames, 10);
  assert.deepEqual(
    { ...video.facts, durationSeconds: Math.round(video.facts.durationSeconds ?? 0) },
    {
      container: 'mov,mp4,m4a,3gp,3g2,mj2',
      codec: 'h264',
      width: 640,
      height: 360,
      frameRate: 25,
      durationSeconds: 10,
      hasAudio: true,
    },
  );
  assert.deepEqual(
    video.stills.map((s) => [s.timestamp, s.width, s.height, s.mime]),
    [1, 3, 5, 7, 9].map((t) => [t, 256, 144, 'image/webp']),
  );
  assert.equal(video.poster?.timestamp, 1);
  const meta = await sharp(video.poster?.bytes).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height, meta.exif], ['webp', 256, 144, undefined]);
  assert.deepEqual(video.warnings, []);
});

test('without thumbnails, only the hash and the facts', async () => {
  const r = await scanVideoFile(at('clip.mp4'), { thumbnails: false, hash: { secondsPerHash: 2 } });
  assert.ok('video' in r);
  assert.equal(r.video.frames, 5);
  assert.deepEqual(r.video.stills, []);
  assert.equal(r.video.poster, undefined);
});

test('a file that cannot be hashed is a typed error in the result, never a throw', async () => {
  const noFfmpeg = await scanVideoFile(at('clip.mp4'), { hash: { searchPath: '/nonexistent-bin' } });
  assert.deepEqual('error' in noFfmpeg && noFfmpeg.error.code, 'missing-dependency');
  const audio = await scanVideoFile(makeAudio(at('tone.m4a'), 1));
  assert.deepEqual('error' in audio && audio.error.code, 'no-video-stream');
});
