import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeVideo, transcode, videoFolder } from '../../../test/support/generated-videos.js';
import { AppError } from '../../domain/app-error.js';
import { hashVideo } from './vpdq-hasher.js';
import { matchVpdq } from './vpdq-match.js';

const folder = videoFolder();
after(folder.remove);
const at = (name: string) => join(folder.dir, name);

before(() => {
  makeVideo(at('moving.mp4'), { seconds: 4, rate: '25' });
  makeVideo(at('ntsc.mp4'), { seconds: 2, rate: '30000/1001' });
  makeVideo(at('bars.mp4'), { source: 'smptebars', seconds: 2, rate: '25' });
  // B-frames and a keyframe exactly every second.
  const gop = ['-c:v', 'libx264', '-preset', 'veryfast', '-bf', '2', '-pix_fmt', 'yuv420p'];
  makeVideo(at('gop.mp4'), {
    seconds: 4,
    rate: '25',
    codecArgs: [...gop, '-x264-params', 'keyint=25:min-keyint=25:scenecut=0'],
  });
  // A re-encoded copy: twice the size, grey, through another codec and container.
  transcode(at('moving.mp4'), at('moving-copy.avi'), ['-vf', 'scale=320:240,hue=s=0', '-c:v', 'mpeg4', '-q:v', '4']);
});

test('every frame: frame numbers 0…n-1 in order, timestamps frameNumber / fps', async () => {
  const r = await hashVideo(at('moving.mp4'), { secondsPerHash: 0 });
  assert.equal(r.frameMod, 1);
  assert.equal(r.features.length, 100);
  assert.equal(r.video.frameRate, 25);
  r.features.forEach((f, i) => {
    assert.equal(f.frameNumber, i);
    assert.equal(f.timestamp, i / 25);
    assert.match(f.hash, /^[0-9a-f]{64}$/);
    assert.ok(f.quality >= 0 && f.quality <= 100);
  });
  assert.deepEqual(r.warnings, []);
});

test('one frame per second by default: exactly the frames n % int(fps) == 0, with the same hashes', async () => {
  const all = await hashVideo(at('moving.mp4'), { secondsPerHash: 0 });
  const sampled = await hashVideo(at('moving.mp4'));
  assert.equal(sampled.frameMod, 25);
  assert.deepEqual(
    sampled.features.map((f) => f.frameNumber),
    [0, 25, 50, 75],
  );
  assert.deepEqual(
    sampled.features,
    all.features.filter((f) => f.frameNumber % 25 === 0),
  );
  const half = await hashVideo(at('moving.mp4'), { secondsPerHash: 0.5 });
  assert.deepEqual(
    half.features.map((f) => f.frameNumber),
    [0, 12, 24, 36, 48, 60, 72, 84, 96],
  );
});

test('29.97 fps samples every 29th frame, as the reference does (int(1 · 29.97))', async () => {
  const r = await hashVideo(at('ntsc.mp4'));
  assert.equal(r.frameMod, 29);
  assert.deepEqual(
    r.features.map((f) => [f.frameNumber, f.timestamp]),
    [0, 29, 58].map((n) => [n, n / (30000 / 1001)]),
  );
});

test('frames can be hashed at a given size (the reference -s), which changes the hashes a little', async () => {
  const native = await hashVideo(at('moving.mp4'));
  const small = await hashVideo(at('moving.mp4'), { width: 64, height: 64 });
  assert.equal(small.features.length, native.features.length);
  assert.ok(matchVpdq(small.features, native.features).isMatch);
});

test('pruning drops consecutive near-identical frames, and is off by default', async () => {
  const full = await hashVideo(at('bars.mp4'), { secondsPerHash: 0 });
  assert.equal(full.features.length, 50);
  const pruned = await hashVideo(at('bars.mp4'), { secondsPerHash: 0, pruneDistance: 16 });
  assert.equal(pruned.framesHashed, 50);
  assert.equal(pruned.features.length, 1);
  assert.equal(pruned.features[0].frameNumber, 0);
});

test('a re-encoded, resized, grey copy matches the original at video level', async () => {
  const a = await hashVideo(at('moving.mp4'), { secondsPerHash: 0.2 });
  const b = await hashVideo(at('moving-copy.avi'), { secondsPerHash: 0.2 });
  const r = matchVpdq(a.features, b.features);
  assert.ok(r.isMatch && r.queryPercent >= 90, JSON.stringify(r));
  const bars = await hashVideo(at('bars.mp4'), { secondsPerHash: 0.2 });
  assert.equal(matchVpdq(a.features, bars.features).isMatch, false);
});

test('keyframe mode hashes only keyframes, each exactly as the every-frame hash of that frame', async () => {
  const all = await hashVideo(at('gop.mp4'), { secondsPerHash: 0 });
  const keys = await hashVideo(at('gop.mp4'), { keyframes: true });
  assert.deepEqual(
    keys.features.map((f) => f.frameNumber),
    [0, 25, 50, 75],
  );
  assert.deepEqual(
    keys.features,
    keys.features.map((f) => all.features[f.frameNumber]),
  );
  // At most one per secondsPerHash.
  const sparse = await hashVideo(at('gop.mp4'), { keyframes: true, secondsPerHash: 2 });
  assert.deepEqual(
    sparse.features.map((f) => f.frameNumber),
    [0, 50],
  );
});

test('without ffmpeg on PATH: a missing-dependency error that says how to install it', async () => {
  await assert.rejects(
    hashVideo(at('moving.mp4'), { searchPath: '/nonexistent-bin' }),
    (e: unknown) =>
      AppError.is(e, 'missing-dependency') && e.exitCode === 3 && /apt-get install ffmpeg/.test(e.message),
  );
});

test('bad options are refused before any work', async () => {
  for (const options of [{ secondsPerHash: -1 }, { width: 4 }, { height: 1.5 }, { pruneDistance: 300 }]) {
    await assert.rejects(hashVideo(at('moving.mp4'), options), (e: unknown) => AppError.is(e, 'bad-usage'));
  }
});
