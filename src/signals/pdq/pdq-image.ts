/**
 * PDQ of an image file or of raw pixels: decode (media/image-decoder) → reference luma → hash,
 * optionally with the 8 dihedral variants.
 */
import { type DecodeOptions, decodeImage, type ImageInput } from '../../media/image-decoder.js';
import type { DihedralName } from './dihedral.js';
import { type PdqDctResult, pdqDihedralHashes, pdqFromLuma, pdqFromRgb } from './pdq-hasher.js';
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
  let result: PdqDctResult;
  if (options.referenceResize === false && px.channels === 3) {
    result = pdqFromRgb(px.data, px.height, px.width, () => lumaOf(px));
  } else {
    const { luma, rows, cols } =
      options.referenceResize === false ? { luma: lumaOf(px), rows: px.height, cols: px.width } : referenceLuma(px);
    result = pdqFromLuma(luma, rows, cols);
  }
  const out: PdqHash = { hash: result.hash, quality: result.quality };
  if (options.dihedral) out.dihedral = pdqDihedralHashes(result.dct);
  return out;
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
