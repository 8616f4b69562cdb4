/**
 * Jarosz box-filter blur, as the PDQ reference does it (ALGORITHMS.md §1.2): a running float32 sum,
 * added before subtracted, divided by the number of in-range samples. Every float operation is
 * rounded to float32 with Math.fround so the result is bit-identical to the C++ reference.
 */

/** Window size for shrinking `oldDimension` towards 64 cells: ceil(old / 128). */
export function jaroszWindowSize(oldDimension: number, newDimension = 64): number {
  return Math.trunc((oldDimension + 2 * newDimension - 1) / (2 * newDimension));
}

function box1D(
  input: Float32Array,
  output: Float32Array,
  start: number,
  length: number,
  stride: number,
  window: number,
): void {
  const half = Math.trunc((window + 2) / 2);
  const phase1 = half - 1;
  const phase2 = window - half + 1;
  const phase3 = length - window;
  const phase4 = half - 1;
  let li = start;
  let ri = start;
  let oi = start;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < phase1; i++) {
    sum = Math.fround(sum + input[ri]);
    count++;
    ri += stride;
  }
  for (let i = 0; i < phase2; i++) {
    sum = Math.fround(sum + input[ri]);
    count++;
    output[oi] = sum / count;
    ri += stride;
    oi += stride;
  }
  for (let i = 0; i < phase3; i++) {
    sum = Math.fround(sum + input[ri]);
    sum = Math.fround(sum - input[li]);
    output[oi] = sum / count;
    li += stride;
    ri += stride;
    oi += stride;
  }
  for (let i = 0; i < phase4; i++) {
    sum = Math.fround(sum - input[li]);
    count--;
    output[oi] = sum / count;
    li += stride;
    oi += stride;
  }
}

/**
 * Blurs `buffer1` (rows × cols, row-major) in place, using `buffer2` as scratch. `nreps` passes of
 * (every row, then every column); the result ends up back in `buffer1`.
 */
export function jaroszFilter(
  buffer1: Float32Array,
  buffer2: Float32Array,
  rows: number,
  cols: number,
  windowAlongRows: number,
  windowAlongCols: number,
  nreps = 2,
): void {
  for (let rep = 0; rep < nreps; rep++) {
    for (let i = 0; i < rows; i++) box1D(buffer1, buffer2, i * cols, cols, 1, windowAlongRows);
    for (let j = 0; j < cols; j++) box1D(buffer2, buffer1, j, rows, cols, windowAlongCols);
  }
}
