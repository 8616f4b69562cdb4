import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jaroszFilter, jaroszWindowSize } from './jarosz.js';
import { isGreyRgb, lumaOf, referenceLuma } from './pdq-luma.js';

test('Jarosz window is ceil(side / 128)', () => {
  assert.deepEqual(
    [64, 127, 128, 129, 512, 1600, 4032].map((n) => jaroszWindowSize(n)),
    [1, 1, 1, 2, 4, 13, 32],
  );
});

test('one box pass is the mean of the clipped window (odd and even windows)', () => {
  const n = 11;
  const input = Float32Array.from({ length: n }, (_, i) => (i * 7) % 5);
  for (const w of [3, 4, 5]) {
    const a = Float32Array.from(input);
    const scratch = new Float32Array(n);
    jaroszFilter(a, scratch, 1, n, w, 1, 1);
    const half = Math.trunc((w + 2) / 2);
    for (let i = 0; i < n; i++) {
      const lo = Math.max(0, i - (w - half));
      const hi = Math.min(n - 1, i + half - 1);
      let sum = 0;
      for (let k = lo; k <= hi; k++) sum += input[k];
      assert.ok(Math.abs(scratch[i] - sum / (hi - lo + 1)) < 1e-5, `w=${w} i=${i}`);
    }
  }
});

test('over 512 px, pixel (x, y) of the 512×512 luma is source pixel (⌊x·W/512⌋, ⌊y·H/512⌋)', () => {
  const width = 1030;
  const height = 600;
  const value = (x: number, y: number) => (x * 7 + y * 13) % 251;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = value(x, y);
  const { luma } = referenceLuma({ data, width, height, channels: 1 });
  for (const [x, y] of [
    [0, 0],
    [1, 1],
    [255, 300],
    [511, 511],
    [300, 17],
  ]) {
    assert.equal(luma[y * 512 + x], value(Math.floor((x * width) / 512), Math.floor((y * height) / 512)), `${x},${y}`);
  }
});

test('one coloured pixel that sampling skips still makes the image RGB', () => {
  const width = 1024;
  const height = 1024;
  const grey = new Uint8Array(width * height * 3).fill(90);
  const asGrey = referenceLuma({ data: grey, width, height, channels: 3 });
  assert.equal(asGrey.luma[0], 90);
  const tinted = Uint8Array.from(grey);
  tinted[(1 * width + 1) * 3] = 91; // pixel (1, 1): never sampled (samples take even columns and rows)
  const asRgb = referenceLuma({ data: tinted, width, height, channels: 3 });
  assert.notEqual(asRgb.luma[0], 90, 'float32 BT.601 weights do not give back exactly 90');
});

test('an RGB image whose pixels are all grey is hashed as one channel, like ImageMagick hands it over', () => {
  const rgb = new Uint8Array([10, 10, 10, 200, 200, 200, 7, 7, 7, 99, 99, 99]);
  assert.equal(isGreyRgb(rgb), true);
  assert.equal(isGreyRgb(new Uint8Array([10, 10, 11])), false);
  const luma = lumaOf({ data: rgb, width: 4, height: 1, channels: 3 }, true);
  assert.deepEqual([...luma], [10, 200, 7, 99]);
  const asRgb = lumaOf({ data: rgb, width: 4, height: 1, channels: 3 }, false);
  assert.notDeepEqual([...asRgb], [10, 200, 7, 99], 'float32 BT.601 weights do not sum to exactly 1');
});

test('images over 512 px on either side are resized to exactly 512×512', () => {
  const px = { data: new Uint8Array(600 * 20 * 3).fill(1), width: 600, height: 20, channels: 3 as const };
  const { rows, cols } = referenceLuma(px);
  assert.deepEqual([rows, cols], [512, 512]);
  const small = referenceLuma({ ...px, data: new Uint8Array(500 * 20 * 3), width: 500 });
  assert.deepEqual([small.rows, small.cols], [20, 500]);
});

test('the grey check finds any one byte out of place, wherever the pixels start in memory', () => {
  let checked = 0;
  for (const offset of [0, 1, 2, 3, 5]) {
    for (const pixels of [0, 1, 3, 4, 5, 8, 13, 33]) {
      const backing = new Uint8Array(offset + pixels * 3 + 4);
      const rgb = backing.subarray(offset, offset + pixels * 3);
      for (let p = 0; p < pixels; p++) rgb.fill((p * 37 + 11) & 255, p * 3, p * 3 + 3);
      assert.equal(isGreyRgb(rgb), true, `grey, offset ${offset}, ${pixels} px`);
      for (let i = 0; i < rgb.length; i++) {
        rgb[i] ^= 1;
        assert.equal(isGreyRgb(rgb), false, `byte ${i} changed, offset ${offset}, ${pixels} px`);
        rgb[i] ^= 1;
        checked++;
      }
    }
  }
  assert.ok(checked > 500);
});
