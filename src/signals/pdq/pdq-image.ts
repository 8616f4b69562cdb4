/**
 * PDQ of an image file or of raw pixels: decode (media/image-decoder) → reference luma → hash,
 * optionally with the 8 dihedral variants.
 */
import { type DecodeOptions, decodeImage, type ImageInput } from '../../media/image-decoder.js';
import type { DihedralName } from './dihedral.js';
import { type PdqDctResult, pdqDihedralHashes, pdqFromLuma, pdqFromReferenceRgb, pdqFromRgb } from './pdq-hasher.js';
import { lumaOf, type Pixels, referenceLuma } from './pdq-luma.js';

export interface PdqOptions {
  dihedral?: boolean;
}

export interface PdqHash {
  hash: string;
  quality: number;
  /** The 8 dihedral hashes (orig first), when asked for. */
  dihedral?: Record<DihedralName, string>;
}

export interface PdqImageHash extends PdqHash {
  format: string;
  width: number;
  height: number;
  /** EXIF orientation, reported but not applied (as the reference does). */
  orientation?: number;
  pages: number;
}

/**
 * PDQ of 8-bit pixels. `referenceResize` (default true) applies the reference CLI's 512×512
 * pre-resize; vPDQ and `pdqHash256FromFloatLuma` callers pass false.
 */
export function pdqFromPixels(px: Pixels, options: PdqOptions & { referenceResize?: boolean } = {}): PdqHash {
  const result = dctResult(px, options.referenceResize !== false);
  const out: PdqHash = { hash: result.hash, quality: result.quality };
  if (options.dihedral) out.dihedral = pdqDihedralHashes(result.dct);
  return out;
}

function dctResult(px: Pixels, referenceResize: boolean): PdqDctResult {
  if (!referenceResize) {
    if (px.channels === 3) return pdqFromRgb(px.data, px.height, px.width, () => lumaOf(px));
    return pdqFromLuma(lumaOf(px), px.height, px.width);
  }
  // Sampling, luma and blur in WebAssembly where it applies; referenceLuma gives the same hash.
  const inKernel = pdqFromReferenceRgb(px);
  if (inKernel) return inKernel;
  const { luma, rows, cols } = referenceLuma(px);
  return pdqFromLuma(luma, rows, cols);
}

export async function pdqFromImage(input: ImageInput, options: PdqOptions & DecodeOptions = {}): Promise<PdqImageHash> {
  const img = await decodeImage(input, options);
  const hash = pdqFromPixels(img, options);
  return {
    ...hash,
    format: img.type.format,
    width: img.sourceWidth,
    height: img.sourceHeight,
    orientation: img.orientation,
    pages: img.pages,
  };
}
