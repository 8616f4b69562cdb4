/**
 * Jarosz box-filter blur, as the PDQ reference does it (ALGORITHMS.md §1.2). The reference's
 * `box1DFloat` walks one row or column with a running float32 sum in four phases: add the first
 * half−1 samples; then for each output add the entering sample, subtract the leaving one once the
 * window is full (add first, then subtract), and write sum / count; at the tail only subtract.
 * Every float operation here is rounded to float32 (Math.fround, Float32Array stores) in that
 * order, so the result is bit-identical; the loops are only reordered across independent rows or
 * columns so memory is read sequentially and dependency chains overlap.
 */

/** Window size for shrinking `oldDimension` towards 64 cells: ceil(old / 128). */
export function jaroszWindowSize(oldDimension: number, newDimension = 64): number {
  return Math.trunc((oldDimension + 2 * newDimension - 1) / (2 * newDimension));
}

/**
 * box1DFloat run over `lanes` independent vectors side by side: lane k starts at base + k·laneStride
 * and its samples are `step` apart. Each lane keeps its own running float32 sum, updated in exactly
 * box1DFloat's order (bit-identical), while the lanes' work interleaves: for the column pass the
 * lanes are all columns (memory read row by row, sequentially); for the row pass, blocks of rows.
 */
function boxLanes(
  input: Float32Array,
  output: Float32Array,
  base: number,
  lanes: number,
  laneStride: number,
  length: number,
  step: number,
  window: number,
  sums: Float32Array,
): void {
  const half = Math.trunc((window + 2) / 2);
  const phase1 = half - 1;
  const phase2 = window - half + 1;
  const phase3 = length - window;
  const phase4 = half - 1;
  sums.fill(0, 0, lanes);
  let ri = base;
  let li = base;
  let oi = base;
  let count = 0;
  for (let i = 0; i < phase1; i++, ri += step) {
    for (let k = 0, o = 0; k < lanes; k++, o += laneStride) sums[k] = sums[k] + input[ri + o];
    count++;
  }
  for (let i = 0; i < phase2; i++, ri += step, oi += step) {
    count++;
    for (let k = 0, o = 0; k < lanes; k++, o += laneStride) {
      const s = Math.fround(sums[k] + input[ri + o]);
      sums[k] = s;
      output[oi + o] = s / count;
    }
  }
  for (let i = 0; i < phase3; i++, ri += step, li += step, oi += step) {
    for (let k = 0, o = 0; k < lanes; k++, o += laneStride) {
      const s = Math.fround(Math.fround(sums[k] + input[ri + o]) - input[li + o]);
      sums[k] = s;
      output[oi + o] = s / count;
    }
  }
  for (let i = 0; i < phase4; i++, li += step, oi += step) {
    count--;
    for (let k = 0, o = 0; k < lanes; k++, o += laneStride) {
      const s = Math.fround(sums[k] - input[li + o]);
      sums[k] = s;
      output[oi + o] = s / count;
    }
  }
}

/** Rows are blurred this many at a time, so their running sums overlap in the CPU. */
const ROW_BLOCK = 8;

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
  const sums = new Float32Array(Math.max(cols, ROW_BLOCK));
  for (let rep = 0; rep < nreps; rep++) {
    for (let r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
      boxLanes(buffer1, buffer2, r0 * cols, Math.min(ROW_BLOCK, rows - r0), cols, cols, 1, windowAlongRows, sums);
    }
    boxLanes(buffer2, buffer1, 0, cols, 1, rows, cols, windowAlongCols, sums);
  }
}
