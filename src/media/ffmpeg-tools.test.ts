/**
 * The ffmpeg/ffprobe helpers every video step shares: a probe that hangs or floods its output is
 * killed with a typed error (issue 8: "never a hang"), tool messages lose the evidence path, and a
 * missing tool is named with how to install it.
 */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { AppError } from '../domain/app-error.js';
import { findFfmpeg, runFfprobe, safeInputArgs, sanitiseToolMessage } from './ffmpeg-tools.js';

// `exec`: the killed process is the one holding the pipes, as ffprobe is (a shell's orphaned child
// would keep them open).
test('a probe that hangs is killed at its timeout with a timed-out error', async () => {
  await assert.rejects(
    runFfprobe('/bin/sh', ['-c', 'exec sleep 30'], 200),
    (e: unknown) => AppError.is(e, 'timed-out') && /did not finish within 0.2 s/.test(e.message),
  );
});

test('a probe that prints without end is killed past its output cap', async () => {
  await assert.rejects(
    runFfprobe('/bin/sh', ['-c', 'exec yes'], 30_000, 1 << 20),
    (e: unknown) => AppError.is(e, 'corrupt-video') && /more than 1 MiB/.test(e.message),
  );
});

test('tool messages name no evidence path and drop the [demuxer @ 0x…] prefix', () => {
  const path = '/evidence/case 7/clip.mp4';
  const said = sanitiseToolMessage(
    `[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d0c0ffee00] moov atom not found\nfile:${resolve(path)}: Invalid data\n\n`,
    path,
  );
  assert.equal(said, 'moov atom not found\n<input>: Invalid data');
});

test('input is the named local file only, through a demuxer whitelist', () => {
  const args = safeInputArgs('clip.mp4');
  assert.deepEqual(args.slice(0, 2), ['-protocol_whitelist', 'file']);
  assert.equal(args[2], '-format_whitelist');
  assert.ok(!args[3].split(',').some((d) => ['hls', 'concat', 'image2'].includes(d)), args[3]);
  assert.deepEqual(args.slice(-2), ['-i', `file:${resolve('clip.mp4')}`]);
});

test('without ffmpeg or ffprobe on the search path: missing-dependency, saying which and how to install', () => {
  assert.throws(
    () => findFfmpeg('/nonexistent-bin'),
    (e: unknown) =>
      AppError.is(e, 'missing-dependency') &&
      /needs ffmpeg and ffprobe on PATH/.test(e.message) &&
      /apt-get install ffmpeg/.test(e.message) &&
      /MD5, SHA-1 and SHA-256/.test(e.message),
  );
});
