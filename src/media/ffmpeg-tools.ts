/**
 * Finding ffmpeg and ffprobe (Debian's `ffmpeg` package) on PATH, and the input options every
 * call shares: read the named local file only (no network or other protocols), only the
 * demuxers of real video containers (no playlists, concat lists or image sequences that would
 * pull in other files), and the stored pixel grid (no auto-rotation, like the vPDQ reference).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { AppError } from '../domain/app-error.js';

export interface FfmpegTools {
  ffmpeg: string;
  ffprobe: string;
}

/** Demuxers ffmpeg may use for a seized video (names as libavformat lists them). */
export const VIDEO_DEMUXERS = [
  'mov',
  'matroska',
  'avi',
  'flv',
  'mpegts',
  'mpeg',
  'mpegvideo',
  'asf',
  'ogg',
  'rm',
  'mxf',
  'dv',
  'nut',
  'ivf',
  'h264',
  'hevc',
  'm4v',
  'yuv4mpegpipe',
  'wtv',
  'gxf',
  'mjpeg',
  'avs',
  'flic',
  'smk',
  'bink',
] as const;

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, searchPath: string): string | undefined {
  for (const dir of searchPath.split(delimiter)) {
    if (dir && isAbsolute(dir) && executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

const found = new Map<string, FfmpegTools>();

/**
 * ffmpeg and ffprobe from `searchPath` (default: PATH), or a `missing-dependency` AppError that
 * says how to install them. Looked up once per search path.
 */
export function findFfmpeg(searchPath = process.env.PATH ?? ''): FfmpegTools {
  const cached = found.get(searchPath);
  if (cached) return cached;
  const ffmpeg = onPath('ffmpeg', searchPath);
  const ffprobe = onPath('ffprobe', searchPath);
  if (!ffmpeg || !ffprobe) {
    const missing = [ffmpeg ? '' : 'ffmpeg', ffprobe ? '' : 'ffprobe'].filter(Boolean).join(' and ');
    throw new AppError(
      'missing-dependency',
      `Video hashing (vPDQ) needs ${missing} on PATH; install them (Debian/Ubuntu: apt-get install ffmpeg). ` +
        'Video files still get their MD5, SHA-1 and SHA-256 without it.',
    );
  }
  const tools = { ffmpeg, ffprobe };
  found.set(searchPath, tools);
  return tools;
}

/** Input options shared by ffprobe and ffmpeg, ending with `-i file:<absolute path>`. */
export function safeInputArgs(path: string): string[] {
  return ['-protocol_whitelist', 'file', '-format_whitelist', VIDEO_DEMUXERS.join(','), '-i', `file:${resolve(path)}`];
}

/**
 * ffmpeg's messages with the input path and the `[demuxer @ 0x…]` prefixes taken out (logs and
 * reports carry no evidence paths).
 */
export function sanitiseToolMessage(text: string, path: string): string {
  const abs = resolve(path);
  return text
    .split('\n')
    .map((l) =>
      l
        .replaceAll(`file:${abs}`, '<input>')
        .replaceAll(abs, '<input>')
        .replace(/^\[[^\]]* @ 0x[0-9a-f]+\]\s*/, '')
        .trim(),
    )
    .filter((l) => l.length > 0)
    .join('\n');
}

export interface ToolOutput {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs ffprobe to completion with a hard timeout and a cap on what it may print (killed past
 * either; both are typed AppErrors).
 */
export function runFfprobe(
  ffprobe: string,
  args: string[],
  timeoutMs: number,
  maxOutput = 1 << 20,
): Promise<ToolOutput> {
  return new Promise((done, fail) => {
    const child = spawn(ffprobe, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let bytes = 0;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const keep = (into: Buffer[]) => (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= maxOutput) into.push(chunk);
      else child.kill('SIGKILL');
    };
    child.stdout.on('data', keep(out));
    child.stderr.on('data', keep(err));
    child.on('error', (cause) => {
      clearTimeout(timer);
      fail(new AppError('missing-dependency', `ffprobe could not be started: ${cause.message}.`, { cause }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) {
        fail(new AppError('timed-out', `ffprobe did not finish within ${timeoutMs / 1000} s; the file was skipped.`));
      } else if (bytes > maxOutput) {
        fail(
          new AppError(
            'corrupt-video',
            `ffprobe printed more than ${maxOutput >> 20} MiB about this file; it was skipped.`,
          ),
        );
      } else {
        done({ code: code ?? 1, out: Buffer.concat(out).toString('utf8'), err: Buffer.concat(err).toString('utf8') });
      }
    });
  });
}
