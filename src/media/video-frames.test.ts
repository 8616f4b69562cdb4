/**
 * How frames leave ffmpeg (issue 8: "via a rawvideo pipe — no frame files on disk"): the command
 * line's only output is RGB24 rawvideo on stdout, and the frames arrive one reused buffer at a
 * time, sampled by ffmpeg's select filter so unsampled frames are never converted or piped.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { makeVideo, videoFolder } from '../../test/support/generated-videos.js';
import { readVideoFrames, videoFrameArgs } from './video-frames.js';

const folder = videoFolder('vigil-video-frames-');
after(folder.remove);
const video = join(folder.dir, 'clip.mp4');
before(() => makeVideo(video, { seconds: 2, rate: '25', width: 64, height: 48 }));

test('the only output is rgb24 rawvideo on stdout, and the only file named is the input', () => {
  const args = videoFrameArgs(video, { streamIndex: 0, width: 64, height: 48, every: 25, timeoutMs: 1000 });
  assert.deepEqual(args.slice(-5), ['-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1']);
  const named = args.filter((a) => a.includes('/') || a.startsWith('file:'));
  assert.deepEqual(named, [`file:${resolve(video)}`]);
  assert.equal(args[args.indexOf('-vf') + 1], 'select=not(mod(n\\,25)),scale=64:48:flags=area,format=rgb24');
  const keyframes = videoFrameArgs(video, { streamIndex: 0, width: 64, height: 48, keyframeNumbers: [], timeoutMs: 1 });
  assert.ok(keyframes.includes('nokey') && !keyframes.join(' ').includes('select='), keyframes.join(' '));
});

test('frames stream through one reused buffer, numbered in decoder order, and nothing is written beside the input', async () => {
  const frames = readVideoFrames(video, { streamIndex: 0, width: 64, height: 48, every: 10, timeoutMs: 30_000 });
  const seen: number[] = [];
  let buffer: Uint8Array | undefined;
  let step = await frames.next();
  for (; !step.done; step = await frames.next()) {
    assert.equal(step.value.data.length, 64 * 48 * 3);
    if (buffer) assert.equal(step.value.data, buffer, 'the same buffer, refilled');
    buffer = step.value.data;
    seen.push(step.value.frameNumber);
  }
  assert.deepEqual(seen, [0, 10, 20, 30, 40]);
  assert.equal(step.value.frames, 5);
  assert.deepEqual(readdirSync(folder.dir), ['clip.mp4']);
});
