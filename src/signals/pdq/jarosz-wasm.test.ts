import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { REPO_ROOT } from '../../../test/support/paths.js';
import { seeded } from '../../../test/support/patterns.js';
import { jaroszFilter, jaroszWindowSize } from './jarosz.js';
import { jaroszBlurRgbWasm, jaroszBlurWasm, wasmBlurAvailable } from './jarosz-wasm.js';
import { lumaOf } from './pdq-luma.js';

test('WebAssembly SIMD is available on this Node (the fast path is the one tested)', () => {
  assert.equal(wasmBlurAvailable, true);
});

const sizes: Array<[number, number]> = [
  [512, 512],
  [5, 5],
  [7, 130],
  [217, 301],
  [1004, 1600],
  [33, 2],
];

for (const [rows, cols] of sizes) {
  test(`the WebAssembly blur is bit-identical to the reference loops (${rows}×${cols})`, () => {
    const rnd = seeded(rows * 1000 + cols);
    const luma = Float32Array.from({ length: rows * cols }, () => Math.fround(rnd() * 255));
    const windows: Array<[number, number]> = [
      [jaroszWindowSize(cols), jaroszWindowSize(rows)],
      [1, 1],
      [Math.min(cols, 3), Math.min(rows, 4)],
    ];
    for (const [wr, wc] of windows) {
      const expected = Float32Array.from(luma);
      jaroszFilter(expected, new Float32Array(rows * cols), rows, cols, wr, wc);
      const { data, stride } = jaroszBlurWasm(luma, rows, cols, wr, wc);
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          if (data[r * stride + c] !== expected[r * cols + c]) {
            assert.fail(
              `windows ${wr}/${wc}: differs at (${r}, ${c}): ${data[r * stride + c]} vs ${expected[r * cols + c]}`,
            );
          }
        }
      }
    }
  });
}

test('luma from RGB24 in WebAssembly, then the blur, equals the JavaScript luma blurred (vPDQ frames)', () => {
  for (const [rows, cols] of sizes) {
    const rnd = seeded(rows + cols * 7);
    const data = Uint8Array.from({ length: rows * cols * 3 }, () => Math.floor(rnd() * 256));
    const [wr, wc] = [jaroszWindowSize(cols), jaroszWindowSize(rows)];
    const expected = lumaOf({ data, width: cols, height: rows, channels: 3 });
    jaroszFilter(expected, new Float32Array(rows * cols), rows, cols, wr, wc);
    const { data: got, stride } = jaroszBlurRgbWasm(data, rows, cols, wr, wc);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        if (got[r * stride + c] !== expected[r * cols + c]) assert.fail(`${rows}×${cols} differs at (${r}, ${c})`);
      }
    }
  }
});

test('the committed WebAssembly module matches its .wat source', () => {
  const res = spawnSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
});
