/**
 * A few stills spread over a video, picked as its frames stream past (no second decode): the first
 * frame at or after 10%, 30%, 50%, 70% and 90% of the duration (just the first frame when the
 * duration is unknown), each shrunk at once by area averaging to thumbnail size, so memory stays a
 * few small images whatever the video's size and length. The poster is the first still of
 * usable quality (PDQ quality ≥ 50: not a black or flat frame), else the first still.
 */
import { THUMBNAIL_MAX_SIDE, thumbnailSize } from './thumbnail.js';

export interface Still {
  /** Seconds into the video. */
  timestamp: number;
  /** PDQ quality of the frame (0–100). */
  quality: number;
  /** Shrunk RGB pixels. */
  data: Uint8Array;
  width: number;
  height: number;
  /** The frame's own size. */
  sourceWidth: number;
  sourceHeight: number;
}

export interface StillFrame {
  data: Uint8Array;
  width: number;
  height: number;
}

const SPREAD = [0.1, 0.3, 0.5, 0.7, 0.9];

/** Area-average shrink of packed RGB to `w` × `h` (no enlargement: callers pass a smaller size). */
export function shrinkRgb(src: StillFrame, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor((y * src.height) / h);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * src.height) / h));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor((x * src.width) / w);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * src.width) / w));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0, s = (sy * src.width + x0) * 3; sx < x1; sx++, s += 3) {
          r += src.data[s];
          g += src.data[s + 1];
          b += src.data[s + 2];
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (y * w + x) * 3;
      out[o] = Math.round(r / n);
      out[o + 1] = Math.round(g / n);
      out[o + 2] = Math.round(b / n);
    }
  }
  return out;
}

export class VideoStills {
  private readonly targets: number[];
  private next = 0;
  private readonly kept: Still[] = [];

  constructor(
    durationSeconds: number | undefined,
    private readonly maxSide = THUMBNAIL_MAX_SIDE,
  ) {
    this.targets = durationSeconds && durationSeconds > 0 ? SPREAD.map((f) => f * durationSeconds) : [0];
  }

  /** Looks at one frame (in time order); keeps a shrunk copy when it reaches the next time wanted. */
  offer(frame: StillFrame, timestamp: number, quality: number): void {
    if (this.next >= this.targets.length || timestamp < this.targets[this.next]) return;
    // With sparse frames one frame may reach several targets: it is kept once.
    while (this.next < this.targets.length && timestamp >= this.targets[this.next]) this.next++;
    const { width, height } = thumbnailSize(frame.width, frame.height, this.maxSide);
    const data =
      width === frame.width && height === frame.height ? Uint8Array.from(frame.data) : shrinkRgb(frame, width, height);
    this.kept.push({ timestamp, quality, data, width, height, sourceWidth: frame.width, sourceHeight: frame.height });
  }

  stills(): readonly Still[] {
    return this.kept;
  }

  poster(): Still | undefined {
    return this.kept.find((s) => s.quality >= 50) ?? this.kept[0];
  }
}
