/**
 * What a video file holds, from ffprobe: the first video stream (cover art excluded), its size,
 * frame rate as the vPDQ reference takes it (ALGORITHMS.md §2.1: avg_frame_rate, else
 * r_frame_rate), codec and duration. One short-lived process with a hard timeout and a cap on
 * what it may print.
 */
import { stat } from 'node:fs/promises';
import { AppError } from '../domain/app-error.js';
import { findFfmpeg, runFfprobe, safeInputArgs, sanitiseToolMessage } from './ffmpeg-tools.js';
import { sniffFileType } from './file-type.js';
import { readHead } from './image-decoder.js';

export interface VideoInfo {
  /** Container as ffprobe names it (e.g. "mov,mp4,m4a,3gp,3g2,mj2"). */
  container: string;
  /** Index of the hashed stream in the file (the first video stream that is not cover art). */
  streamIndex: number;
  codec: string;
  width: number;
  height: number;
  /** Frames per second as a double (avg_frame_rate, else r_frame_rate), and as ffprobe wrote it. */
  frameRate: number;
  frameRateText: string;
  /** Presentation time of the stream's first frame, seconds (0 when not stated). */
  startSeconds: number;
  /** Seconds, from the stream or else the container; undefined when neither says. */
  durationSeconds?: number;
  /** Frames the container declares, when it does. */
  declaredFrames?: number;
  hasAudio: boolean;
}

export interface ProbeOptions {
  /** Kill ffprobe after this long (default 30 s). */
  timeoutMs?: number;
  /** Where to look for ffmpeg/ffprobe (default PATH). */
  searchPath?: string;
}

const ENTRIES =
  'stream=index,codec_type,codec_name,width,height,avg_frame_rate,r_frame_rate,start_time,duration,nb_frames' +
  ':stream_disposition=attached_pic:format=format_name,duration';

interface ProbeStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  start_time?: string;
  duration?: string;
  nb_frames?: string;
  disposition?: { attached_pic?: number };
}

interface ProbeOutput {
  streams?: ProbeStream[];
  format?: { format_name?: string; duration?: string };
}

/** "30000/1001" → 29.97…; 0 for "0/0", missing or malformed text. */
export function parseRate(text: string | undefined): number {
  const m = /^(\d+)\/(\d+)$/.exec(text ?? '');
  if (!m || Number(m[2]) === 0) return 0;
  return Number(m[1]) / Number(m[2]);
}

function positive(text: string | undefined): number | undefined {
  const n = Number(text);
  return text !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** A regular, non-empty file (a folder, pipe or device would block or mislead ffmpeg). */
export async function checkVideoFile(path: string): Promise<void> {
  let s: Awaited<ReturnType<typeof stat>>;
  try {
    s = await stat(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError('unreadable-file', `Cannot read video file: ${code}.`, { cause });
  }
  if (!s.isFile()) throw new AppError('unreadable-file', 'Cannot read video file: not a regular file.');
  if (s.size === 0) throw new AppError('empty-file', 'The file is empty (0 bytes).');
}

/** Probes `path`; a file ffmpeg cannot open, or one without a video stream, is a typed AppError. */
export async function probeVideo(path: string, options: ProbeOptions = {}): Promise<VideoInfo> {
  const { ffprobe } = findFfmpeg(options.searchPath);
  await checkVideoFile(path);
  const args = ['-v', 'error', '-hide_banner', '-show_entries', ENTRIES, '-of', 'json', ...safeInputArgs(path)];
  const r = await runFfprobe(ffprobe, args, options.timeoutMs ?? 30_000);
  if (r.code !== 0) {
    const why = sanitiseToolMessage(r.err, path).split('\n')[0] || `exit code ${r.code}`;
    // A file that looks like a video by its first bytes is a damaged one (often cut short).
    if (sniffFileType(await readHead(path)).kind === 'video') {
      throw new AppError('corrupt-video', `The video file is damaged or cut short; ffmpeg says: ${why}.`);
    }
    throw new AppError('unsupported-format', `ffmpeg cannot read this file as a video: ${why}.`);
  }
  let parsed: ProbeOutput;
  try {
    parsed = JSON.parse(r.out) as ProbeOutput;
  } catch (cause) {
    throw new AppError('corrupt-video', 'ffprobe gave an unreadable description of this file.', { cause });
  }
  const streams = parsed.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  if (!video) {
    const what = streams.some((s) => s.codec_type === 'audio') ? 'audio only' : 'no video stream';
    throw new AppError('no-video-stream', `Nothing to hash as video: the file holds ${what}.`);
  }
  const avg = parseRate(video.avg_frame_rate);
  const frameRate = avg > 0 ? avg : parseRate(video.r_frame_rate);
  const width = video.width ?? 0;
  const height = video.height ?? 0;
  if (width <= 0 || height <= 0) throw new AppError('corrupt-video', 'The video stream declares no frame size.');
  if (!(frameRate > 0)) throw new AppError('corrupt-video', 'The video stream declares no frame rate.');
  const declared = positive(video.nb_frames);
  return {
    container: parsed.format?.format_name ?? 'unknown',
    streamIndex: video.index,
    codec: video.codec_name ?? 'unknown',
    width,
    height,
    frameRate,
    frameRateText: avg > 0 ? (video.avg_frame_rate as string) : (video.r_frame_rate as string),
    startSeconds: Number.isFinite(Number(video.start_time)) ? Number(video.start_time) : 0,
    durationSeconds: positive(video.duration) ?? positive(parsed.format?.duration),
    declaredFrames: declared === undefined ? undefined : Math.trunc(declared),
    hasAudio: streams.some((s) => s.codec_type === 'audio'),
  };
}
