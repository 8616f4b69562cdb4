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

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** True when every RGB pixel from byte `from` to `to` has R = G = B. */
function greyBytes(data: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i + 2 < to; i += 3) {
    const r = data[i];
    if (r !== data[i + 1] || r !== data[i + 2]) return false;
  }
  return true;
}

/**
 * True when every RGB pixel has R = G = B (stops at the first that does not). A grey photo is
 * read whole, so four pixels are checked at a time as three 32-bit words: with one value per
 * pixel the bytes run p0 p0 p0 p1 | p1 p1 p2 p2 | p2 p3 p3 p3, and each equal pair XORs to 0.
 */
export function isGreyRgb(data: Uint8Array): boolean {
  let at = 0;
  // The words start on a pixel and on a 4-byte address: one of the first four pixels is both.
  while (at < 12 && (data.byteOffset + at) % 4 !== 0) at += 3;
  const groups = LITTLE_ENDIAN && at < 12 ? Math.max(0, Math.floor((data.length - at) / 12)) : 0;
  if (!greyBytes(data, 0, groups > 0 ? at : data.length)) return false;
  if (groups === 0) return true;
  const w = new Uint32Array(data.buffer, data.byteOffset + at, groups * 3);
  for (let i = 0; i < w.length; i += 3) {
    const a = w[i];
    const b = w[i + 1];
    const c = w[i + 2];
    const diff =
      ((a ^ (a >>> 8)) & 0xffff) |
      ((a >>> 24) ^ (b & 0xff)) |
      ((b ^ (b >>> 8)) & 0xff) |
      ((b ^ (b >>> 8)) & 0xff0000) |
      ((b >>> 24) ^ (c & 0xff)) |
      ((c ^ (c >>> 8)) & 0xffff00);
    if (diff !== 0) return false;
  }
  return greyBytes(data, at + groups * 12, data.length);
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

/** Where the reference CLI's pixel path samples: output pixel (x, y) is source pixel (colOf[x], rowOf[y]). */
export interface ReferenceSampling {
  rows: number;
  cols: number;
  rowOf: Int32Array;
  colOf: Int32Array;
}

/** Larger than 512 px on either side → exactly 512×512 by nearest neighbour (⌊x·W/512⌋, ⌊y·H/512⌋). */
export function referenceSampling(px: Pick<Pixels, 'width' | 'height'>): ReferenceSampling {
  const big = px.width > PDQ_RESIZE_LIMIT || px.height > PDQ_RESIZE_LIMIT;
  const cols = big ? PDQ_RESIZE_LIMIT : px.width;
  const rows = big ? PDQ_RESIZE_LIMIT : px.height;
  const colOf = new Int32Array(cols);
  for (let x = 0; x < cols; x++) colOf[x] = Math.floor((x * px.width) / cols);
  const rowOf = new Int32Array(rows);
  for (let y = 0; y < rows; y++) rowOf[y] = Math.floor((y * px.height) / rows);
  return { rows, cols, rowOf, colOf };
}

/**
 * The reference CLI's pixel path in one pass over only the pixels PDQ uses: nearest-neighbour
 * sampling to 512×512 when larger (no intermediate image), luma from the samples, and the grey
 * decision on the full image — needed only when every sampled pixel is grey, since one coloured
 * sample already proves the image is not grey.
 */
export function referenceLuma(px: Pixels): { luma: Float32Array; rows: number; cols: number } {
  const { rows, cols, rowOf, colOf } = referenceSampling(px);
  const c = px.channels;
  const d = px.data;
  const xs = new Int32Array(cols);
  for (let x = 0; x < cols; x++) xs[x] = colOf[x] * c;
  const luma = new Float32Array(rows * cols);
  let sampleGrey = true;
  for (let y = 0, o = 0; y < rows; y++) {
    const row = rowOf[y] * px.width * c;
    if (c === 1) {
      for (let x = 0; x < cols; x++, o++) luma[o] = d[row + xs[x]];
      continue;
    }
    for (let x = 0; x < cols; x++, o++) {
      const s = row + xs[x];
      const r = d[s];
      const g = d[s + 1];
      const b = d[s + 2];
      if (r !== g || r !== b) sampleGrey = false;
      luma[o] = Math.fround(Math.fround(LUMA_R * r) + Math.fround(LUMA_G * g)) + Math.fround(LUMA_B * b);
    }
  }
  if (c === 3 && sampleGrey && isGreyRgb(d)) {
    for (let y = 0, o = 0; y < rows; y++) {
      const row = rowOf[y] * px.width * c;
      for (let x = 0; x < cols; x++, o++) luma[o] = d[row + xs[x]];
    }
  }
  return { luma, rows, cols };
}
