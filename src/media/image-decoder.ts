/**
 * Decodes an image file to 8-bit pixels the way the PDQ reference sees them (ALGORITHMS.md §1.0):
 * stored pixel grid (EXIF orientation reported, not applied), no colour management, alpha dropped
 * (not composited), grey stays one channel, first frame only. `fast` lets the decoder shrink on
 * load (JPEG DCT scaling, WebP) straight to the 512×512 PDQ works on. HEIC goes through libheif
 * (heic-decoder.ts), BMP through bmp-decoder.ts, everything else through sharp.
 */
import { open, readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { AppError } from '../domain/app-error.js';
import type { Pixels } from '../signals/pdq/pdq-luma.js';
import { decodeBmp } from './bmp-decoder.js';
import { cmykToRgb } from './cmyk.js';
import { type FileType, SNIFF_BYTES, sniffFileType } from './file-type.js';
import { decodeHeic } from './heic-decoder.js';
import { mapSharpError } from './sharp-errors.js';

sharp.cache(false);

/** sharp's own default: 16383 × 16383. Larger declared sizes are refused before decoding. */
export const DEFAULT_MAX_PIXELS = 268_402_689;
const FAST_SIDE = 512;

export interface DecodeOptions {
  fast?: boolean;
  maxPixels?: number;
}

export interface DecodedImage extends Pixels {
  type: FileType;
  /** Size as stored in the file, before any fast-mode shrink. */
  sourceWidth: number;
  sourceHeight: number;
  /** EXIF orientation 1–8 when present; reported, never applied. */
  orientation?: number;
  /** Frames in the file (animated GIF/WebP, multi-page TIFF); only the first is decoded. */
  pages: number;
}

export type ImageInput = string | Buffer;

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
};

function unreadable(action: 'open' | 'read', cause: unknown): AppError {
  const code = (cause as NodeJS.ErrnoException).code ?? String(cause);
  const why = ERRNO_TEXT[code] ? `${code}, ${ERRNO_TEXT[code]}` : code;
  return new AppError('unreadable-file', `Cannot ${action} file: ${why}.`, { cause });
}

export async function readHead(input: ImageInput): Promise<Uint8Array> {
  if (typeof input !== 'string') return input.subarray(0, SNIFF_BYTES);
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(input, 'r');
  } catch (cause) {
    throw unreadable('open', cause);
  }
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } catch (cause) {
    throw unreadable('read', cause);
  } finally {
    await fh.close();
  }
}

/** Sniffs the type and refuses what is not a decodable image, with the reason. */
export async function checkImageType(input: ImageInput): Promise<FileType> {
  const head = await readHead(input);
  if (head.length === 0) throw new AppError('empty-file', 'The file is empty (0 bytes).');
  const type = sniffFileType(head);
  if (type.kind !== 'image') {
    throw new AppError(
      'unsupported-format',
      `Not an image: the content looks like ${type.format === 'unknown' ? 'no known image format' : type.format}.`,
    );
  }
  return type;
}

export async function decodeImage(input: ImageInput, options: DecodeOptions = {}): Promise<DecodedImage> {
  const type = await checkImageType(input);
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (type.format === 'heic' || type.format === 'heif') return decodeWithLibheif(input, type, maxPixels);
  if (type.format === 'bmp') {
    const px = decodeBmp(typeof input === 'string' ? await readFile(input) : input, maxPixels);
    return { ...px, type, sourceWidth: px.width, sourceHeight: px.height, pages: 1 };
  }
  try {
    return await decodeWithSharp(input, type, maxPixels, options.fast === true);
  } catch (cause) {
    throw mapSharpError(cause);
  }
}

/**
 * Fast mode only where the decoder can shrink while loading (JPEG DCT scaling, WebP) and there is
 * no alpha: sharp premultiplies alpha before resizing, while PDQ drops alpha, so a resize there
 * would hash different pixels. Elsewhere fast mode gains nothing and decodes in full.
 */
function shrinksOnLoad(type: FileType, hasAlpha: boolean): boolean {
  return !hasAlpha && (type.format === 'jpeg' || type.format === 'webp');
}

async function decodeWithSharp(
  input: ImageInput,
  type: FileType,
  maxPixels: number,
  fast: boolean,
): Promise<DecodedImage> {
  const open = () =>
    sharp(input, {
      failOn: 'error',
      limitInputPixels: maxPixels,
      ignoreIcc: true,
      autoOrient: false,
      pages: 1,
      page: 0,
    });
  const meta = await open().metadata();
  const sourceWidth = meta.width;
  const sourceHeight = meta.pageHeight ?? meta.height;
  let img = open();
  if (fast && shrinksOnLoad(type, meta.hasAlpha) && (sourceWidth > FAST_SIDE || sourceHeight > FAST_SIDE)) {
    img = img.resize(FAST_SIDE, FAST_SIDE, { fit: 'fill', kernel: 'nearest' });
  }
  const common = { type, sourceWidth, sourceHeight, orientation: meta.orientation, pages: meta.pages ?? 1 };
  if (meta.space === 'cmyk') {
    const { data, info } = await img
      .pipelineColourspace('cmyk')
      .toColourspace('cmyk')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { ...common, data: cmykToRgb(data, info.channels), width: info.width, height: info.height, channels: 3 };
  }
  const grey = meta.space === 'b-w' || meta.space === 'grey16';
  const { data, info } = await img
    .removeAlpha()
    .toColourspace(grey ? 'b-w' : 'srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const channels = info.channels === 1 ? 1 : 3;
  if (info.channels !== channels) throw new AppError('corrupt-image', `Unexpected ${info.channels}-channel decode.`);
  return { ...common, data, width: info.width, height: info.height, channels };
}

async function decodeWithLibheif(input: ImageInput, type: FileType, maxPixels: number): Promise<DecodedImage> {
  const buffer = typeof input === 'string' ? await readFile(input) : input;
  const rgba = await decodeHeic(buffer, maxPixels);
  const n = rgba.width * rgba.height;
  const data = new Uint8Array(n * 3);
  for (let i = 0, s = 0, o = 0; i < n; i++, s += 4, o += 3) {
    data[o] = rgba.data[s];
    data[o + 1] = rgba.data[s + 1];
    data[o + 2] = rgba.data[s + 2];
  }
  return {
    type,
    data,
    width: rgba.width,
    height: rgba.height,
    channels: 3,
    sourceWidth: rgba.width,
    sourceHeight: rgba.height,
    pages: 1,
  };
}
