/**
 * Hostile and broken inputs to vPDQ, all made at test time: each gives a clear per-file AppError
 * (or, for a cut-short file that still decodes, its frames and a warning), never a hang. Every test
 * has its own timeout so a hang fails instead of stalling the run.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { H264, makeAudio, makeVideo, transcode, videoFolder } from '../../../test/support/generated-videos.js';
import { seeded } from '../../../test/support/seeded.js';
import { AppError, type AppErrorCode } from '../../domain/app-error.js';
import { readVideoFrames } from '../../media/video-frames.js';
import { hashVideo, type VpdqHashOptions } from './vpdq-hasher.js';

const folder = videoFolder('vigil-hostile-video-');
after(folder.remove);
const at = (name: string) => join(folder.dir, name);
const T = { timeout: 60_000 };

before(() => {
  makeVideo(at('plain.mp4'), { seconds: 4 });
  makeVideo(at('faststart.mp4'), { seconds: 4, codecArgs: [...H264, '-movflags', '+faststart'] });
});

async function rejects(path: string, code: AppErrorCode, message: RegExp, options: VpdqHashOptions = {}) {
  await assert.rejects(hashVideo(path, options), (e: unknown) => {
    assert.ok(AppError.is(e, code), `expected ${code}, got ${(e as Error).message}`);
    assert.match(e.message, message);
    assert.ok(!e.message.includes(folder.dir), `the message names the path: ${e.message}`);
    return true;
  });
}

function cut(source: string, name: string, bytes: number): string {
  writeFileSync(at(name), readFileSync(source).subarray(0, bytes));
  return at(name);
}

test('a zero-length file, a missing file, a folder and a named pipe are refused before ffmpeg runs', T, async () => {
  writeFileSync(at('empty.mp4'), '');
  await rejects(at('empty.mp4'), 'empty-file', /empty/);
  await rejects(at('missing.mp4'), 'unreadable-file', /ENOENT/);
  mkdirSync(at('folder.mp4'));
  await rejects(at('folder.mp4'), 'unreadable-file', /not a regular file/);
  execFileSync('mkfifo', [at('pipe.mp4')]);
  await rejects(at('pipe.mp4'), 'unreadable-file', /not a regular file/);
});

test('an MP4 cut short before its index (moov at the end) is a damaged video', T, async () => {
  await rejects(cut(at('plain.mp4'), 'cut-early.mp4', 20_000), 'corrupt-video', /damaged or cut short.*moov atom/);
});

test('an MP4 cut short after its index gives the frames before the cut, and says what ffmpeg reported', T, async () => {
  const full = await hashVideo(at('faststart.mp4'), { secondsPerHash: 0 });
  const size = readFileSync(at('faststart.mp4')).length;
  const part = await hashVideo(cut(at('faststart.mp4'), 'cut-late.mp4', Math.floor(size / 2)), { secondsPerHash: 0 });
  assert.ok(part.features.length > 10 && part.features.length < full.features.length, `${part.features.length}`);
  assert.deepEqual(part.features.slice(0, 10), full.features.slice(0, 10));
  assert.ok(part.warnings.length > 0);
  assert.ok(
    part.warnings.every((w) => !w.includes(folder.dir) && !/@ 0x/.test(w)),
    part.warnings.join('\n'),
  );
});

test('audio only, and audio with cover art, are "no video stream"', T, async () => {
  await rejects(makeAudio(at('tone.m4a'), 2), 'no-video-stream', /audio only/);
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'color=c=red:s=64x64',
    '-frames:v',
    '1',
    at('c.png'),
  ]);
  const covered = transcode(at('tone.m4a'), at('covered.m4a'), [
    ...['-i', at('c.png'), '-map', '0', '-map', '1', '-c:a', 'copy', '-c:v', 'png', '-disposition:v:0', 'attached_pic'],
  ]);
  await rejects(covered, 'no-video-stream', /audio only/);
});

test('frames larger than the limit are refused before decoding', T, async () => {
  const huge = makeVideo(at('huge.avi'), {
    source: 'color=c=blue',
    seconds: 0.04,
    width: 9000,
    height: 4000,
    codecArgs: ['-frames:v', '1', '-c:v', 'mjpeg', '-pix_fmt', 'yuvj420p'],
  });
  await rejects(huge, 'video-too-large', /9000×4000 exceed the limit of 33177600 pixels/);
  await rejects(at('plain.mp4'), 'video-too-large', /160×120/, { maxPixels: 10_000 });
});

test('frames under 5 pixels a side cannot be hashed', T, async () => {
  const tiny = makeVideo(at('tiny.mkv'), { seconds: 1, width: 4, height: 4, codecArgs: ['-c:v', 'ffv1'] });
  await rejects(tiny, 'corrupt-video', /4×4 are too small/);
});

test('an hour-long video stays bounded: one frame per second, or one per minute', T, async () => {
  const long = makeVideo(at('hour.mp4'), { seconds: 3600, rate: '2', width: 48, height: 48 });
  const perSecond = await hashVideo(long);
  assert.equal(perSecond.frameMod, 2);
  assert.equal(perSecond.features.length, 3600);
  assert.equal(perSecond.features.at(-1)?.timestamp, 3599);
  const perMinute = await hashVideo(long, { secondsPerHash: 60 });
  assert.equal(perMinute.features.length, 60);
  assert.deepEqual(perMinute.features.at(-1), { ...perSecond.features[3540] });
});

test('files ffmpeg rejects: noise, text, a picture, and playlists that would pull in other files', T, async () => {
  const rnd = seeded(7);
  writeFileSync(
    at('noise.mp4'),
    Uint8Array.from({ length: 50_000 }, () => Math.floor(rnd() * 256)),
  );
  await rejects(at('noise.mp4'), 'unsupported-format', /cannot read this file as a video/);
  writeFileSync(at('notes.avi'), 'Just some text, not a video.\n'.repeat(100));
  await rejects(at('notes.avi'), 'unsupported-format', /cannot read this file as a video/);
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=s=64x64',
    '-frames:v',
    '1',
    at('p.png'),
  ]);
  await rejects(at('p.png'), 'unsupported-format', /cannot read this file as a video/);
  // Without the demuxer whitelist ffmpeg would read these and decode plain.mp4 in their place.
  writeFileSync(at('list.m3u8'), '#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\nplain.mp4\n#EXT-X-ENDLIST\n');
  await rejects(at('list.m3u8'), 'unsupported-format', /not on whitelist/);
  writeFileSync(at('list.txt'), "ffconcat version 1.0\nfile 'plain.mp4'\n");
  await rejects(at('list.txt'), 'unsupported-format', /not on whitelist/);
});

test('a hard timeout, a stall and a cancel each stop ffmpeg with a timed-out error', T, async () => {
  await rejects(at('plain.mp4'), 'timed-out', /longer than its limit/, { timeoutMs: 1, secondsPerHash: 0 });
  const controller = new AbortController();
  controller.abort();
  await rejects(at('plain.mp4'), 'timed-out', /cancelled/, { signal: controller.signal });
  // A pipe that never delivers: a shell holds it open for writing and writes nothing, so ffmpeg
  // waits for data and the stall timer ends it. (A child, not an fs open in this process: an open
  // of a FIFO blocks a thread until a reader comes, which would keep the test process alive.)
  execFileSync('mkfifo', [at('silent.fifo')]);
  const writer = spawn('sh', ['-c', 'exec 3>"$0"; sleep 120', at('silent.fifo')], { stdio: 'ignore' });
  try {
    const frames = readVideoFrames(at('silent.fifo'), {
      streamIndex: 0,
      width: 64,
      height: 64,
      timeoutMs: 30_000,
      stallMs: 300,
    });
    await assert.rejects(
      frames.next(),
      (e: unknown) => AppError.is(e, 'timed-out') && /produced nothing/.test(e.message),
    );
  } finally {
    writer.kill('SIGKILL');
  }
});
