/**
 * Decoded video frames as 8-bit RGB, streamed from an ffmpeg child process through a rawvideo
 * pipe: no frame files on disk, one frame in memory at a time (ffmpeg blocks while the consumer
 * works), a hard wall-clock timeout and a stall timeout, and the process killed whenever the
 * consumer stops early. Pixels are what the vPDQ reference hashes (ALGORITHMS.md §2.1): the first
 * video stream decoded in decoder order, converted by swscale to RGB24 with SWS_AREA at the
 * target size, no auto-rotation.
 */
import { spawn } from 'node:child_process';
import { AppError } from '../domain/app-error.js';
import { findFfmpeg, safeInputArgs, sanitiseToolMessage } from './ffmpeg-tools.js';

export interface VideoFrameOptions {
  /** Stream index in the file (from probeVideo). */
  streamIndex: number;
  /** Size of the frames handed out (the stream's own size, or a scaled one). */
  width: number;
  height: number;
  /** Hand out only frames whose decoder-order number is a multiple of this (default 1: all). */
  every?: number;
  /**
   * Decode keyframes only (the decoder's skip_frame=nokey; `every` is then ignored): the i-th frame
   * handed out is numbered `keyframeNumbers[i]` (from video-keyframes), -1 past the list's end.
   */
  keyframeNumbers?: readonly number[];
  /** Kill ffmpeg and fail after this long in all (ms). */
  timeoutMs: number;
  /** Kill ffmpeg and fail when no data came for this long while waiting for it (default 60 s). */
  stallMs?: number;
  /** Decoder threads (default 1: one core per file; a pool hashes files side by side). */
  threads?: number;
  searchPath?: string;
  signal?: AbortSignal;
}

export interface VideoFrame {
  /** 0-based frame number in decoder output order (counting frames that were not handed out). */
  frameNumber: number;
  /** width × height × 3 bytes, RGB. Reused: valid until the next frame is asked for. */
  data: Uint8Array;
  width: number;
  height: number;
}

/** How decoding ended when it ended well: ffmpeg exited 0, possibly after reporting damage. */
export interface VideoDecodeEnd {
  /** Frames handed out. */
  frames: number;
  /** What ffmpeg reported while decoding (damaged or cut-short data it decoded around), path-free. */
  messages: string[];
}

const MAX_STDERR = 64 * 1024;

/** The ffmpeg command line for these options (exported for tests and the bench). */
export function videoFrameArgs(path: string, o: VideoFrameOptions): string[] {
  const threads = String(o.threads ?? 1);
  const filters: string[] = [];
  const keyframes = o.keyframeNumbers !== undefined;
  const every = o.every ?? 1;
  if (every > 1 && !keyframes) filters.push(`select=not(mod(n\\,${every}))`);
  filters.push(`scale=${o.width}:${o.height}:flags=area`, 'format=rgb24');
  return [
    '-nostdin',
    '-hide_banner',
    '-loglevel',
    'error',
    '-threads',
    threads,
    '-noautorotate',
    ...(keyframes ? ['-skip_frame', 'nokey'] : []),
    ...safeInputArgs(path),
    '-map',
    `0:${o.streamIndex}`,
    '-an',
    '-sn',
    '-dn',
    '-filter_threads',
    threads,
    '-vf',
    filters.join(','),
    '-sws_flags',
    'area',
    '-vsync',
    'passthrough',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    'pipe:1',
  ];
}

/**
 * Yields the sampled frames of `path` in order and returns how decoding ended. Ends normally only
 * when ffmpeg exits 0; a failure, timeout or abort throws an AppError after the process is gone.
 */
export async function* readVideoFrames(
  path: string,
  options: VideoFrameOptions,
): AsyncGenerator<VideoFrame, VideoDecodeEnd> {
  const { ffmpeg } = findFfmpeg(options.searchPath);
  const every = options.every ?? 1;
  const numbers = options.keyframeNumbers;
  const frameBytes = options.width * options.height * 3;
  const child = spawn(ffmpeg, videoFrameArgs(path, options), { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<{ code: number | null; error?: Error }>((done) => {
    child.on('error', (error) => done({ code: null, error }));
    child.on('close', (code) => done({ code }));
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    if (stderr.length < MAX_STDERR) stderr += s.slice(0, MAX_STDERR - stderr.length);
  });
  let stopped: 'timeout' | 'stall' | 'abort' | undefined;
  const kill = (why: typeof stopped) => {
    stopped ??= why;
    child.kill('SIGKILL');
  };
  const timer = setTimeout(() => kill('timeout'), options.timeoutMs);
  const onAbort = () => kill('abort');
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const stallMs = options.stallMs ?? 60_000;
  const frame = new Uint8Array(frameBytes);
  const chunks = child.stdout[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let fill = 0;
  let count = 0;
  try {
    for (;;) {
      const stall = setTimeout(() => kill('stall'), stallMs);
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } finally {
        clearTimeout(stall);
      }
      if (next.done) break;
      const chunk = next.value;
      for (let off = 0; off < chunk.length; ) {
        const n = Math.min(frameBytes - fill, chunk.length - off);
        frame.set(chunk.subarray(off, off + n), fill);
        fill += n;
        off += n;
        if (fill === frameBytes) {
          fill = 0;
          const frameNumber = numbers ? (numbers[count] ?? -1) : count * every;
          yield { frameNumber, data: frame, width: options.width, height: options.height };
          count++;
        }
      }
    }
    const { code, error } = await exited;
    if (stopped) throw stoppedError(stopped, options);
    if (error) throw new AppError('missing-dependency', `ffmpeg could not be started: ${error.message}.`);
    const messages = sanitiseToolMessage(stderr, path).split('\n').filter(Boolean);
    if (code !== 0) throw decodeError(messages, code);
    return { frames: count, messages };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    child.stdout.destroy();
    await exited;
  }
}

function stoppedError(why: 'timeout' | 'stall' | 'abort', o: VideoFrameOptions): AppError {
  if (why === 'abort') return new AppError('timed-out', 'Video decoding was cancelled.');
  const s = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  return why === 'timeout'
    ? new AppError('timed-out', `Video decoding took longer than its limit of ${s(o.timeoutMs)}; the file was skipped.`)
    : new AppError('timed-out', `ffmpeg produced nothing for ${s(o.stallMs ?? 60_000)}; the file was skipped.`);
}

function decodeError(messages: string[], code: number | null): AppError {
  const first = messages[0] ?? `ffmpeg exited with code ${code}`;
  return new AppError('corrupt-video', `The video could not be decoded: ${first}.`);
}
