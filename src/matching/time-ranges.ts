/**
 * Matched stretches of a video from per-frame verdicts: a range runs from one matched frame to
 * the last matched frame before the next frame that was compared and did not match. Frames that
 * took no part (low quality) neither break nor extend a range.
 */

export interface TimeRange {
  /** Seconds: the timestamp of the first and of the last matched frame (inclusive). */
  start: number;
  end: number;
  /** Matched frames in the range. */
  frames: number;
}

/** Verdict per frame: 1 matched, 0 compared and unmatched, -1 not compared. */
export type FrameVerdicts = Int8Array;

/** Ranges over frames in time order (`timestamps[i]` goes with `verdicts[i]`). */
export function matchedRanges(timestamps: ArrayLike<number>, verdicts: FrameVerdicts): TimeRange[] {
  const out: TimeRange[] = [];
  let open: TimeRange | undefined;
  for (let i = 0; i < verdicts.length; i++) {
    const v = verdicts[i];
    if (v === 1) {
      if (open) {
        open.end = timestamps[i];
        open.frames++;
      } else {
        open = { start: timestamps[i], end: timestamps[i], frames: 1 };
        out.push(open);
      }
    } else if (v === 0) {
      open = undefined;
    }
  }
  return out;
}

/** Total seconds covered by the ranges (each counted from start to end). */
export function coveredSeconds(ranges: readonly TimeRange[]): number {
  return ranges.reduce((t, r) => t + (r.end - r.start), 0);
}

/** The union of possibly overlapping ranges, in time order (frames summed where ranges join). */
export function mergeRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const out: TimeRange[] = [];
  for (const r of [...ranges].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const last = out.at(-1);
    if (last && r.start <= last.end) {
      last.end = Math.max(last.end, r.end);
      last.frames += r.frames;
    } else out.push({ ...r });
  }
  return out;
}
