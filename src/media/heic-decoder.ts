/**
 * HEIC/HEIF decoding through libheif compiled to WebAssembly (npm `heic-decode`), because sharp's
 * prebuilt libvips carries no HEVC decoder. Dimensions are checked before any pixel is decoded.
 */
import { createRequire } from 'node:module';
import { AppError } from '../domain/app-error.js';

interface HeicImage {
  width: number;
  height: number;
  decode(): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
}
type HeicAll = ((opts: { buffer: Uint8Array }) => Promise<HeicImage[] & { dispose(): void }>) & {};

const require = createRequire(import.meta.url);
let decodeAll: HeicAll | undefined;

function loadDecoder(): HeicAll {
  decodeAll ??= (require('heic-decode') as { all: HeicAll }).all;
  return decodeAll;
}

export interface RgbaImage {
  width: number;
  height: number;
  /** RGBA, 8 bits per sample. */
  data: Uint8Array;
}

export async function decodeHeic(buffer: Uint8Array, maxPixels: number): Promise<RgbaImage> {
  let images: Awaited<ReturnType<HeicAll>>;
  try {
    images = await loadDecoder()({ buffer });
  } catch (cause) {
    throw new AppError('corrupt-image', `HEIC file could not be read: ${(cause as Error).message}`, { cause });
  }
  try {
    const first = images[0];
    if (first.width * first.height > maxPixels) {
      throw new AppError(
        'image-too-large',
        `Image declares ${first.width}×${first.height} pixels, over the limit of ${maxPixels} pixels.`,
      );
    }
    const { width, height, data } = await first.decode();
    return { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (cause) {
    if (cause instanceof AppError) throw cause;
    throw new AppError('corrupt-image', `HEIC image could not be decoded: ${(cause as Error).message}`, { cause });
  } finally {
    images.dispose();
  }
}
