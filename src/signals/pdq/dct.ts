/**
 * The 64×64 → 16×16 DCT of PDQ (ALGORITHMS.md §1.5), with float32 products and float32 sums in
 * the reference's loop order, so results are bit-identical.
 */

function computeDctMatrix(): Float32Array {
  const d = new Float32Array(16 * 64);
  const scale = Math.fround(Math.sqrt(2.0 / 64.0));
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 64; j++) {
      d[i * 64 + j] = scale * Math.cos((Math.PI / 2 / 64.0) * (i + 1) * (2 * j + 1));
    }
  }
  return d;
}

const DCT = computeDctMatrix();

/** B = D · A · Dᵀ for a 64×64 row-major `a`; returns 16×16 row-major (row = vertical frequency). */
export function dct64To16(a: Float32Array, scratch16x64 = new Float32Array(16 * 64)): Float32Array {
  const t = scratch16x64;
  for (let i = 0; i < 16; i++) {
    const di = i * 64;
    for (let j = 0; j < 64; j++) {
      let sum = 0;
      for (let k = 0; k < 64; k++) sum = Math.fround(sum + Math.fround(DCT[di + k] * a[k * 64 + j]));
      t[di + j] = sum;
    }
  }
  const b = new Float32Array(256);
  for (let i = 0; i < 16; i++) {
    const ti = i * 64;
    for (let j = 0; j < 16; j++) {
      const dj = j * 64;
      let sum = 0;
      for (let k = 0; k < 64; k++) sum = Math.fround(sum + Math.fround(t[ti + k] * DCT[dj + k]));
      b[i * 16 + j] = sum;
    }
  }
  return b;
}
