/**
 * The Jarosz blur in WebAssembly (wasm/jarosz.wat): native float32 and 4-wide SIMD for the column
 * pass, bit-identical to jarosz.ts (the readable reference, and the fallback where WebAssembly
 * SIMD is missing). Each thread gets its own instance and memory, grown to the largest image seen.
 */
import type { ReferenceSampling } from './pdq-luma.js';
import { WASM_BASE64 } from './wasm/jarosz.wasm.js';

type BlurFn = (
  a: number,
  b: number,
  sums: number,
  rows: number,
  cols: number,
  stride: number,
  wRows: number,
  wCols: number,
  nreps: number,
) => void;

type LumaFn = (src: number, dst: number, rows: number, cols: number, stride: number) => void;

type SampleLumaFn = (rowAt: number, colAt: number, dst: number, rows: number, cols: number, stride: number) => number;

interface Kernel {
  memory: WebAssembly.Memory;
  blur: BlurFn;
  luma: LumaFn;
  sampleLuma: SampleLumaFn;
}

function instantiate(): Kernel | undefined {
  try {
    const module = new WebAssembly.Module(Buffer.from(WASM_BASE64, 'base64'));
    const { exports } = new WebAssembly.Instance(module, {});
    return {
      memory: exports.memory as WebAssembly.Memory,
      blur: exports.blur as BlurFn,
      luma: exports.luma as LumaFn,
      sampleLuma: exports.sampleLuma as SampleLumaFn,
    };
  } catch {
    return undefined;
  }
}

const kernel = instantiate();

/** A blurred image living in WebAssembly memory; valid until the next blur on this thread. */
export interface BlurredImage {
  data: Float32Array;
  /** Floats per row (cols rounded up to a multiple of 4). */
  stride: number;
}

export const wasmBlurAvailable = kernel !== undefined;

/** Grows the kernel's memory to at least `bytes`; returns the kernel. */
function kernelWith(bytes: number): Kernel {
  if (!kernel) throw new Error('WebAssembly SIMD is not available');
  const have = kernel.memory.buffer.byteLength;
  if (bytes > have) kernel.memory.grow(Math.ceil((bytes - have) / 65536));
  return kernel;
}

/**
 * Luma of packed RGB24 pixels (rows × cols) computed in WebAssembly, then blurred there: the same
 * result as `jaroszBlurWasm(lumaOf(rgb))` without the JavaScript luma pass and its copy.
 */
export function jaroszBlurRgbWasm(
  rgb: Uint8Array,
  rows: number,
  cols: number,
  windowAlongRows: number,
  windowAlongCols: number,
  nreps = 2,
): BlurredImage {
  const stride = (cols + 3) & ~3;
  const imageBytes = rows * stride * 4;
  const src = 2 * imageBytes + stride * 4;
  const k = kernelWith(src + rows * cols * 3);
  new Uint8Array(k.memory.buffer, src, rows * cols * 3).set(rgb.subarray(0, rows * cols * 3));
  k.luma(src, 0, rows, cols, stride);
  k.blur(0, imageBytes, 2 * imageBytes, rows, cols, stride, windowAlongRows, windowAlongCols, nreps);
  return { data: new Float32Array(k.memory.buffer, 0, rows * stride), stride };
}

/** Packed RGB24 pixels and where the reference CLI samples them (pdq-luma.ts `referenceSampling`). */
export interface SampledRgb {
  data: Uint8Array;
  width: number;
  sampling: ReferenceSampling;
}

/**
 * The reference CLI's nearest-neighbour samples of packed RGB24 pixels, their luma and the blur,
 * all in WebAssembly: only the source rows sampled are copied in (each once), and the samples are
 * gathered there. Returns `undefined`, having blurred nothing, when every sample is grey: the
 * caller must then decide on the whole image (pdq-luma.ts `referenceLuma`).
 */
export function jaroszBlurSampledRgbWasm(
  rgb: SampledRgb,
  windowAlongRows: number,
  windowAlongCols: number,
  nreps = 2,
): BlurredImage | undefined {
  const { rows, cols, rowOf, colOf } = rgb.sampling;
  const rowBytes = rgb.width * 3;
  let distinct = 0;
  for (let y = 0; y < rows; y++) if (y === 0 || rowOf[y] !== rowOf[y - 1]) distinct++;
  const stride = (cols + 3) & ~3;
  const imageBytes = rows * stride * 4;
  const rowAt = 2 * imageBytes + stride * 4;
  const colAt = rowAt + rows * 4;
  const src = colAt + cols * 4;
  const k = kernelWith(src + distinct * rowBytes);
  const buf = k.memory.buffer;
  const rowTable = new Int32Array(buf, rowAt, rows);
  const colTable = new Int32Array(buf, colAt, cols);
  for (let x = 0; x < cols; x++) colTable[x] = colOf[x] * 3;
  const bytes = new Uint8Array(buf);
  for (let y = 0, at = src - rowBytes; y < rows; y++) {
    if (y === 0 || rowOf[y] !== rowOf[y - 1]) {
      at += rowBytes;
      bytes.set(rgb.data.subarray(rowOf[y] * rowBytes, (rowOf[y] + 1) * rowBytes), at);
    }
    rowTable[y] = at;
  }
  if (k.sampleLuma(rowAt, colAt, 0, rows, cols, stride) === 0) return undefined;
  k.blur(0, imageBytes, 2 * imageBytes, rows, cols, stride, windowAlongRows, windowAlongCols, nreps);
  return { data: new Float32Array(buf, 0, rows * stride), stride };
}

/** Blurs `luma` (rows × cols) and returns the result in WebAssembly memory; `luma` is unchanged. */
export function jaroszBlurWasm(
  luma: Float32Array,
  rows: number,
  cols: number,
  windowAlongRows: number,
  windowAlongCols: number,
  nreps = 2,
): BlurredImage {
  if (!kernel) throw new Error('WebAssembly SIMD is not available');
  const stride = (cols + 3) & ~3;
  const imageBytes = rows * stride * 4;
  const needed = 2 * imageBytes + stride * 4;
  const have = kernel.memory.buffer.byteLength;
  if (needed > have) kernel.memory.grow(Math.ceil((needed - have) / 65536));
  const a = new Float32Array(kernel.memory.buffer, 0, rows * stride);
  if (stride === cols) a.set(luma);
  else for (let r = 0; r < rows; r++) a.set(luma.subarray(r * cols, (r + 1) * cols), r * stride);
  kernel.blur(0, imageBytes, 2 * imageBytes, rows, cols, stride, windowAlongRows, windowAlongCols, nreps);
  return { data: a, stride };
}
