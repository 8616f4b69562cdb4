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
 * The column pass of box1DFloat, run over all columns at once row by row: each column keeps its own
 * running float32 sum in `sums`, updated in exactly the order box1DFloat would (so the result is
 * bit-identical), but memory is read sequentially instead of with a stride of a whole row.
 */
function boxAlongCols(
  input: Float32Array,
  output: Float32Array,
  rows: number,
  cols: number,
  window: number,
  sums: Float32Array,
): void {
  const half = Math.trunc((window + 2) / 2);
  const phase1 = half - 1;
  const phase2 = window - half + 1;
  const phase3 = rows - window;
  const phase4 = half - 1;
  sums.fill(0);
  let ri = 0;
  let li = 0;
  let oi = 0;
  let count = 0;
  for (let i = 0; i < phase1; i++, ri += cols) {
    for (let j = 0; j < cols; j++) sums[j] = sums[j] + input[ri + j];
    count++;
  }
  for (let i = 0; i < phase2; i++, ri += cols, oi += cols) {
    count++;
    for (let j = 0; j < cols; j++) {
      const s = Math.fround(sums[j] + input[ri + j]);
      sums[j] = s;
      output[oi + j] = s / count;
    }
  }
  for (let i = 0; i < phase3; i++, ri += cols, li += cols, oi += cols) {
    for (let j = 0; j < cols; j++) {
      const s = Math.fround(Math.fround(sums[j] + input[ri + j]) - input[li + j]);
      sums[j] = s;
      output[oi + j] = s / count;
    }
  }
  for (let i = 0; i < phase4; i++, li += cols, oi += cols) {
    count--;
    for (let j = 0; j < cols; j++) {
      const s = Math.fround(sums[j] - input[li + j]);
      sums[j] = s;
      output[oi + j] = s / count;
    }
  }
}

/**
 * The row pass of box1DFloat over a block of up to ROW_BLOCK rows at once: one running sum per row,
 * updated in box1DFloat's order (bit-identical), so the rows' dependency chains overlap in the CPU.
 */
const ROW_BLOCK = 8;

function boxAlongRows(
  input: Float32Array,
  output: Float32Array,
  rows: number,
  cols: number,
  window: number,
  sums: Float32Array,
): void {
  const half = Math.trunc((window + 2) / 2);
  const phase1 = half - 1;
  const phase2 = window - half + 1;
  const phase3 = cols - window;
  const phase4 = half - 1;
  for (let r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
    const n = Math.min(ROW_BLOCK, rows - r0);
    const base = r0 * cols;
    sums.fill(0, 0, n);
    let ri = base;
    let li = base;
    let oi = base;
    let count = 0;
    for (let i = 0; i < phase1; i++, ri++) {
      for (let r = 0, o = 0; r < n; r++, o += cols) sums[r] = sums[r] + input[ri + o];
      count++;
    }
    for (let i = 0; i < phase2; i++, ri++, oi++) {
      count++;
      for (let r = 0, o = 0; r < n; r++, o += cols) {
        const s = Math.fround(sums[r] + input[ri + o]);
        sums[r] = s;
        output[oi + o] = s / count;
      }
    }
    for (let i = 0; i < phase3; i++, ri++, li++, oi++) {
      for (let r = 0, o = 0; r < n; r++, o += cols) {
        const s = Math.fround(Math.fround(sums[r] + input[ri + o]) - input[li + o]);
        sums[r] = s;
        output[oi + o] = s / count;
      }
    }
    for (let i = 0; i < phase4; i++, li++, oi++) {
      count--;
      for (let r = 0, o = 0; r < n; r++, o += cols) {
        const s = Math.fround(sums[r] - input[li + o]);
        sums[r] = s;
        output[oi + o] = s / count;
      }
    }
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
  const sums = new Float32Array(Math.max(cols, ROW_BLOCK));
  for (let rep = 0; rep < nreps; rep++) {
    boxAlongRows(buffer1, buffer2, rows, cols, windowAlongRows, sums);
    boxAlongCols(buffer2, buffer1, rows, cols, windowAlongCols, sums);
  }
}
