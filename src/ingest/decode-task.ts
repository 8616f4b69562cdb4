/**
 * The CPU-heavy part of a picture's scan, run in a worker thread (decode-worker.mjs): decode once,
 * PDQ with its rotations, and the thumbnail. Its answer is plain data, so it crosses threads as is.
 */
import { decodeImage, type ImageInput } from '../media/image-decoder.js';
import { makeThumbnail, type Thumbnail } from '../media/thumbnail.js';
import { describeFailure } from '../services/file-hasher.js';
import { pdqFromPixels } from '../signals/pdq/pdq-image.js';
import type { PreparedFile } from './scan-types.js';

export interface DecodeTask {
  input: ImageInput;
  thumbnail: boolean;
}

export interface DecodeResult {
  decoded?: PreparedFile['decoded'];
  thumbnail?: Thumbnail;
  decodeError?: string;
}

export async function runDecodeTask(task: DecodeTask): Promise<DecodeResult> {
  const out: DecodeResult = {};
  try {
    const img = await decodeImage(task.input);
    const h = pdqFromPixels(img, { dihedral: true });
    out.decoded = {
      pdq: { hash: h.hash, quality: h.quality },
      dihedral: h.dihedral,
      image: { format: img.type.format, width: img.sourceWidth, height: img.sourceHeight },
    };
    if (task.thumbnail) out.thumbnail = await makeThumbnail(img);
  } catch (cause) {
    out.decodeError = describeFailure(cause).message;
  }
  return out;
}
