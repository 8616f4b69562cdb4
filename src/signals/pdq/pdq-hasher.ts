/**
 * PDQ from a float32 luma matrix (ALGORITHMS.md §1.2–1.7): Jarosz blur, decimation to 64×64,
 * quality metric, 16×16 DCT, median threshold. Pure and synchronous; pixels come from pdq-luma.ts.
 */
import { dct64To16 } from './dct.js';
import { DIHEDRAL_NAMES, type DihedralName, dihedralDct } from './dihedral.js';
import { jaroszFilter, jaroszWindowSize } from './jarosz.js';
import { jaroszBlurRgbWasm, jaroszBlurSampledRgbWasm, jaroszBlurWasm, wasmBlurAvailable } from './jarosz-wasm.js';
import { pdqWordsFromDct, pdqWordsToHex } from './pdq-hash.js';
import { type Pixels, referenceSampling } from './pdq-luma.js';

export const PDQ_MIN_SIDE = 5;

export interface PdqResult {
  /** 64 lower-case hex digits. */
  hash: string;
  /** 0–100; below 50 the hash is not usable for matching. */
  quality: number;
}

export interface PdqDctResult extends PdqResult {
  /** The 16×16 DCT the hash was thresholded from, kept for dihedral variants. */
  dct: Float32Array;
}

const ZERO_HASH = '0'.repeat(64);

/** Blurs and point-samples `luma` (rows × cols) down to 64×64. May overwrite `luma`. */
export function lumaTo64x64(luma: Float32Array, rows: number, cols: number): Float32Array {
  if (rows === 64 && cols === 64) return luma;
  const wRows = jaroszWindowSize(cols);
  const wCols = jaroszWindowSize(rows);
  let blurred: Float32Array;
  let stride = cols;
  if (wasmBlurAvailable) {
    ({ data: blurred, stride } = jaroszBlurWasm(luma, rows, cols, wRows, wCols));
  } else {
    jaroszFilter(luma, new Float32Array(rows * cols), rows, cols, wRows, wCols);
    blurred = luma;
  }
  return decimate(blurred, stride, rows, cols);
}

/** Point samples at the centres of a 64×64 grid (ALGORITHMS.md §1.3); rows are `stride` floats apart. */
function decimate(blurred: Float32Array, stride: number, rows: number, cols: number): Float32Array {
  const out = new Float32Array(64 * 64);
  for (let i = 0; i < 64; i++) {
    const ini = Math.trunc(((i + 0.5) * rows) / 64);
    for (let j = 0; j < 64; j++) {
      const inj = Math.trunc(((j + 0.5) * cols) / 64);
      out[i * 64 + j] = blurred[ini * stride + inj];
    }
  }
  return out;
}

/** Gradient-sum quality of a 64×64 image, 0–100 (ALGORITHMS.md §1.4). */
export function pdqQuality(a: Float32Array): number {
  let gradientSum = 0;
  for (let i = 0; i < 63; i++) {
    for (let j = 0; j < 64; j++) {
      const d = Math.fround(Math.fround(Math.fround(a[i * 64 + j] - a[(i + 1) * 64 + j]) * 100) / 255);
      gradientSum += Math.abs(Math.trunc(d));
    }
  }
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 63; j++) {
      const d = Math.fround(Math.fround(Math.fround(a[i * 64 + j] - a[i * 64 + j + 1]) * 100) / 255);
      gradientSum += Math.abs(Math.trunc(d));
    }
  }
  return Math.min(100, Math.trunc(gradientSum / 90));
}

/** PDQ of a luma matrix. Images under 5 px a side get the all-zero hash and quality 0. Mutates `luma`. */
export function pdqFromLuma(luma: Float32Array, rows: number, cols: number): PdqDctResult {
  if (rows < PDQ_MIN_SIDE || cols < PDQ_MIN_SIDE) {
    return { hash: ZERO_HASH, quality: 0, dct: new Float32Array(256) };
  }
  return pdqFrom64x64(lumaTo64x64(luma, rows, cols));
}

/**
 * PDQ of packed RGB24 pixels with luma from the BT.601 weights (no grey detection, no resize),
 * as vPDQ hashes frames: luma and blur in WebAssembly when there, else through `pdqFromLuma`.
 */
export function pdqFromRgb(rgb: Uint8Array, rows: number, cols: number, fallback: () => Float32Array): PdqDctResult {
  if (!wasmBlurAvailable || rows < PDQ_MIN_SIDE || cols < PDQ_MIN_SIDE || (rows === 64 && cols === 64)) {
    return pdqFromLuma(fallback(), rows, cols);
  }
  const { data, stride } = jaroszBlurRgbWasm(rgb, rows, cols, jaroszWindowSize(cols), jaroszWindowSize(rows));
  return pdqFrom64x64(decimate(data, stride, rows, cols));
}

/**
 * PDQ of 3-channel pixels as the reference CLI sees them (pdq-luma.ts `referenceLuma`), with the
 * sampling, luma and blur in WebAssembly. `undefined` where that path does not apply (no
 * WebAssembly, under 5 px, exactly 64×64, or every sample grey): the caller then goes through
 * `referenceLuma` and `pdqFromLuma`, which give the same hash.
 */
export function pdqFromReferenceRgb(px: Pixels): PdqDctResult | undefined {
  if (!wasmBlurAvailable || px.channels !== 3) return undefined;
  const sampling = referenceSampling(px);
  const { rows, cols } = sampling;
  if (rows < PDQ_MIN_SIDE || cols < PDQ_MIN_SIDE || (rows === 64 && cols === 64)) return undefined;
  const blurred = jaroszBlurSampledRgbWasm(
    { data: px.data, width: px.width, sampling },
    jaroszWindowSize(cols),
    jaroszWindowSize(rows),
  );
  return blurred && pdqFrom64x64(decimate(blurred.data, blurred.stride, rows, cols));
}

function pdqFrom64x64(small: Float32Array): PdqDctResult {
  const quality = pdqQuality(small);
  const dct = dct64To16(small);
  return { hash: pdqWordsToHex(pdqWordsFromDct(dct)), quality, dct };
}

/** The 8 dihedral hashes, in the reference's `--pdqdih-across` order. */
export function pdqDihedralHashes(dct: Float32Array): Record<DihedralName, string> {
  const out = {} as Record<DihedralName, string>;
  for (const name of DIHEDRAL_NAMES) out[name] = pdqWordsToHex(pdqWordsFromDct(dihedralDct(dct, name)));
  return out;
}
