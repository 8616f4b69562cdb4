/**
 * The thumbnail people see by default (DESIGN.md §7: blurred unless revealed): the stored
 * thumbnail shrunk to at most 12 px on its long side, then blown back up to its size and softened,
 * so what leaves the server holds no more than a 12-px picture's worth of detail (colours and rough
 * layout, enough to tell pictures apart in a grid) whatever a client does with it. Optionally
 * greyscale, for the revealed thumbnail too.
 */
import sharp from 'sharp';
import { mapSharpError } from './sharp-errors.js';

/** Longest side of the picture the blurred thumbnail is made from. */
export const BLUR_DETAIL_PX = 12;

export interface ShownThumbnail {
  bytes: Buffer;
  mime: 'image/webp';
}

export async function blurThumbnail(bytes: Buffer, options: { greyscale?: boolean } = {}): Promise<ShownThumbnail> {
  try {
    const { width = 1, height = 1 } = await sharp(bytes).metadata();
    const scale = Math.min(1, BLUR_DETAIL_PX / Math.max(width, height));
    const tiny = await sharp(bytes)
      .resize(Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale)), { fit: 'fill' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    let img = sharp(tiny.data, { raw: { width: tiny.info.width, height: tiny.info.height, channels: 3 } })
      .resize(width, height, { fit: 'fill', kernel: 'cubic' })
      .blur(Math.max(1, Math.max(width, height) / 48));
    if (options.greyscale) img = img.greyscale();
    return { bytes: await img.webp({ quality: 70 }).toBuffer(), mime: 'image/webp' };
  } catch (cause) {
    throw mapSharpError(cause);
  }
}

/** The clear thumbnail, optionally in greyscale (as stored otherwise). */
export async function greyscaleThumbnail(bytes: Buffer): Promise<ShownThumbnail> {
  try {
    return { bytes: await sharp(bytes).greyscale().webp({ quality: 80 }).toBuffer(), mime: 'image/webp' };
  } catch (cause) {
    throw mapSharpError(cause);
  }
}
