/**
 * Benign videos made at test time with ffmpeg's lavfi sources (moving test patterns, colour bars,
 * a sine tone): never committed, written to a temp folder the caller removes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pixels } from '../../src/signals/pdq/pdq-luma.js';

export interface VideoSpec {
  /** lavfi video source, maybe with options (default testsrc2: a moving pattern with a frame counter). */
  source?: string;
  seconds: number;
  width?: number;
  height?: number;
  rate?: string;
  /** Output options after the input (codec etc.); default: H.264, yuv420p, ultrafast. */
  codecArgs?: string[];
  /** Extra input, e.g. ['-f', 'lavfi', '-i', 'sine=frequency=440'] for a sound track. */
  extraInput?: string[];
}

export const H264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '48'];

export function videoFolder(prefix = 'vigil-video-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a generated video to `path` (the container follows the extension) and returns the path. */
export function makeVideo(path: string, spec: VideoSpec): string {
  const size = `${spec.width ?? 160}x${spec.height ?? 120}`;
  const name = spec.source ?? 'testsrc2';
  const source = `${name}${name.includes('=') ? ':' : '='}size=${size}:rate=${spec.rate ?? '25'}:duration=${spec.seconds}`;
  execFileSync(
    'ffmpeg',
    [
      '-nostdin',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      source,
      ...(spec.extraInput ?? []),
      ...(spec.codecArgs ?? H264),
      ...(spec.extraInput ? ['-shortest', '-c:a', 'aac'] : []),
      '-y',
      path,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return path;
}

/** An audio-only file (a sine tone), in the container the extension names. */
export function makeAudio(path: string, seconds: number): string {
  execFileSync(
    'ffmpeg',
    ['-nostdin', '-loglevel', 'error', '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-y', path],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return path;
}

/** Re-encodes `source` into `path` with the given output options (e.g. a scale filter and a codec). */
export function transcode(source: string, path: string, args: string[]): string {
  execFileSync('ffmpeg', ['-nostdin', '-loglevel', 'error', '-i', source, ...args, '-y', path], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return path;
}

/**
 * A lossless video (FFV1 in Matroska) of exactly these RGB frames at `rate` frames per second, so
 * that the pixels a decoder hands back are known in advance.
 */
export function videoFromPixels(path: string, frames: readonly Pixels[], rate = 1): string {
  const { width, height } = frames[0];
  const input = Buffer.concat(frames.map((f) => f.data));
  execFileSync(
    'ffmpeg',
    [
      ...['-nostdin', '-loglevel', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`],
      ...['-framerate', String(rate), '-i', 'pipe:0', '-c:v', 'ffv1', '-pix_fmt', 'bgr0', '-y', path],
    ],
    { input, stdio: ['pipe', 'ignore', 'pipe'] },
  );
  return path;
}
