/**
 * Where a video's keyframes are: ffprobe decodes only the keyframes of one stream (the decoder's
 * `skip_frame=nokey`, as video-frames does in keyframe mode) and reports each one's presentation
 * time, in output order. Cheap: nothing between keyframes is decoded.
 */
import { AppError } from '../domain/app-error.js';
import { findFfmpeg, runFfprobe, safeInputArgs, sanitiseToolMessage } from './ffmpeg-tools.js';

export interface KeyframeOptions {
  timeoutMs?: number;
  searchPath?: string;
}

/** Presentation times (seconds) of the keyframes the decoder outputs with skip_frame=nokey. */
export async function keyframeTimes(
  path: string,
  streamIndex: number,
  options: KeyframeOptions = {},
): Promise<number[]> {
  const { ffprobe } = findFfmpeg(options.searchPath);
  const args = [
    ...['-v', 'error', '-hide_banner', '-threads', '1', '-skip_frame', 'nokey'],
    ...['-select_streams', String(streamIndex), '-show_entries', 'frame=best_effort_timestamp_time', '-of', 'csv=p=0'],
    ...safeInputArgs(path),
  ];
  const r = await runFfprobe(ffprobe, args, options.timeoutMs ?? 120_000, 16 << 20);
  if (r.code !== 0) {
    const why = sanitiseToolMessage(r.err, path).split('\n')[0] || `exit code ${r.code}`;
    throw new AppError('corrupt-video', `The keyframes of this video could not be read: ${why}.`);
  }
  return r.out
    .split('\n')
    .map((l) => Number.parseFloat(l))
    .filter((t) => Number.isFinite(t));
}
