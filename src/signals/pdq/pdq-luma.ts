/**
 * From 8-bit pixels to the float32 luma matrix PDQ hashes, the way the reference CLI gets there
 * (ALGORITHMS.md §1.0–1.1): larger than 512 px on either side → nearest-neighbour to exactly
 * 512×512 on the 8-bit data; one channel (or an RGB image whose every pixel is grey, which
 * ImageMagick hands over as one channel) goes straight to luma; RGB uses float32 BT.601 weights.
 */

export interface Pixels {
  /** Interleaved 8-bit samples, no alpha. */
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3;
}

export const PDQ_RESIZE_LIMIT = 512;

const LUMA_R = Math.fround(0.299);
const LUMA_G = Math.fround(0.587);
const LUMA_B = Math.fround(0.114);

/** True when every RGB pixel has R = G = B (stops at the first that does not). */
export function isGreyRgb(data: Uint8Array): boolean {
  for (let i = 0; i < data.length; i += 3) {
    const r = data[i];
    if (r !== data[i + 1] || r !== data[i + 2]) return false;
  }
  return true;
}

/** Nearest-neighbour resize as CImg does it: out(x, y) = in(⌊x·W/w⌋, ⌊y·H/h⌋), in double. */
export function resizeNearest(src: Pixels, width: number, height: number): Pixels {
  const c = src.channels;
  const data = new Uint8Array(width * height * c);
  const xs = new Int32Array(width);
  for (let x = 0; x < width; x++) xs[x] = Math.floor((x * src.width) / width) * c;
  let o = 0;
  for (let y = 0; y < height; y++) {
    const row = Math.floor((y * src.height) / height) * src.width * c;
    for (let x = 0; x < width; x++) {
      const s = row + xs[x];
      for (let k = 0; k < c; k++) data[o++] = src.data[s + k];
    }
  }
  return { data, width, height, channels: c };
}

/** Luma of the pixels as given (no resize). Grey RGB collapses to its single value. */
export function lumaOf(px: Pixels, grey = px.channels === 1): Float32Array {
  const n = px.width * px.height;
  const luma = new Float32Array(n);
  const d = px.data;
  if (px.channels === 1) {
    for (let i = 0; i < n; i++) luma[i] = d[i];
  } else if (grey) {
    for (let i = 0, s = 0; i < n; i++, s += 3) luma[i] = d[s];
  } else {
    for (let i = 0, s = 0; i < n; i++, s += 3) {
      luma[i] =
        Math.fround(Math.fround(LUMA_R * d[s]) + Math.fround(LUMA_G * d[s + 1])) + Math.fround(LUMA_B * d[s + 2]);
    }
  }
  return luma;
}

/** The reference CLI's pixel path: grey detection on the full image, then the 512 pre-resize. */
export function referenceLuma(px: Pixels): { luma: Float32Array; rows: number; cols: number } {
  const grey = px.channels === 1 || isGreyRgb(px.data);
  const big = px.width > PDQ_RESIZE_LIMIT || px.height > PDQ_RESIZE_LIMIT;
  const sized = big ? resizeNearest(px, PDQ_RESIZE_LIMIT, PDQ_RESIZE_LIMIT) : px;
  return { luma: lumaOf(sized, grey), rows: sized.height, cols: sized.width };
}
