import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { blobs, checkerboard, flat, textPng, transform } from '../../../test/support/patterns.js';
import { pdqHexDistance, pdqNorm } from './pdq-hash.js';
import { pdqFromLuma, pdqFromReferenceRgb } from './pdq-hasher.js';
import { pdqFromImage, pdqFromPixels } from './pdq-image.js';
import { referenceLuma } from './pdq-luma.js';

const ZERO = '0'.repeat(64);

test('the same pixels always give the same hash', () => {
  const px = blobs(300, 200, 7);
  const a = pdqFromPixels(px);
  assert.deepEqual(pdqFromPixels(px), a);
  assert.equal(pdqNorm(a.hash), 128);
  assert.ok(a.quality >= 50, `quality ${a.quality}`);
});

test('different pictures are far apart', () => {
  const d = pdqHexDistance(pdqFromPixels(blobs(300, 200, 1)).hash, pdqFromPixels(blobs(300, 200, 2)).hash);
  assert.ok(d > 64, `distance ${d}`);
});

test('a flat image has quality 0', () => {
  assert.equal(pdqFromPixels(flat(200, 100)).quality, 0);
  assert.equal(pdqFromPixels(flat(64, 64, 0)).quality, 0);
});

test('a fine checkerboard has full quality', () => {
  assert.equal(pdqFromPixels(checkerboard(256, 256, 8)).quality, 100);
});

test('images under 5 px a side get the zero hash and quality 0', () => {
  for (const [w, h] of [
    [4, 100],
    [100, 4],
    [1, 1],
  ]) {
    assert.deepEqual(pdqFromPixels(flat(w, h)), { hash: ZERO, quality: 0 });
  }
  assert.notEqual(pdqFromPixels(blobs(5, 5)).hash, ZERO);
});

for (const [w, h] of [
  [64, 64],
  [400, 400],
  [301, 217],
]) {
  test(`rotating or flipping ${w}×${h} pixels lands near the matching dihedral hash`, () => {
    const px = blobs(w, h, 3);
    const { dihedral } = pdqFromPixels(px, { dihedral: true });
    assert.ok(dihedral);
    for (const kind of ['rot90', 'rot180', 'rot270', 'flipx', 'flipy', 'flipplus1', 'flipminus1'] as const) {
      const moved = pdqFromPixels(transform(px, kind)).hash;
      const d = pdqHexDistance(moved, dihedral[kind]);
      // 64×64 skips the blur, so only float rounding differs; larger sizes shift the sampling grid
      // (an even blur window, the decimation points), but a rotated copy must still match (≤ 31).
      assert.ok(d <= (w === 64 ? 2 : 31), `${kind}: distance ${d}`);
      assert.ok(pdqHexDistance(moved, dihedral.orig) > 40, `${kind} should differ from the original`);
    }
  });
}

test('text survives JPEG re-encoding within 10 bits, and different text differs', async () => {
  const png = await textPng('Exhibit 12 / Room B');
  const jpeg = await sharp(png).jpeg({ quality: 70 }).toBuffer();
  const other = await textPng('Parcel 7 / Dock 3');
  const a = await pdqFromImage(png);
  const b = await pdqFromImage(jpeg);
  const c = await pdqFromImage(other);
  assert.ok(a.quality >= 80, `quality ${a.quality}`);
  assert.ok(pdqHexDistance(a.hash, b.hash) <= 10, `re-encoded: ${pdqHexDistance(a.hash, b.hash)}`);
  assert.ok(pdqHexDistance(a.hash, c.hash) > pdqHexDistance(a.hash, b.hash));
});

test('the WebAssembly sampling path gives the same hash, quality and DCT as referenceLuma in JavaScript', () => {
  const sizes: [number, number][] = [
    [640, 480], // columns sampled down, rows repeated
    [1030, 600],
    [513, 2000],
    [100, 37], // under 512: every pixel, a row stride padded to 4
    [6, 5],
    [512, 512],
  ];
  for (const [width, height] of sizes) {
    const px = blobs(width, height, width + height);
    const inKernel = pdqFromReferenceRgb(px);
    assert.ok(inKernel, `${width}×${height} took the WebAssembly path`);
    const { luma, rows, cols } = referenceLuma(px);
    const inJs = pdqFromLuma(luma, rows, cols);
    assert.equal(inKernel.hash, inJs.hash, `${width}×${height}`);
    assert.equal(inKernel.quality, inJs.quality, `${width}×${height}`);
    assert.deepEqual([...inKernel.dct], [...inJs.dct], `${width}×${height}`);
  }
});

test('the WebAssembly sampling path leaves grey samples, 64×64 and tiny images to referenceLuma', () => {
  const grey = { data: new Uint8Array(700 * 600 * 3).fill(120), width: 700, height: 600, channels: 3 as const };
  assert.equal(pdqFromReferenceRgb(grey), undefined);
  assert.equal(pdqFromReferenceRgb(blobs(64, 64, 3)), undefined);
  assert.equal(pdqFromReferenceRgb(blobs(4, 40, 3)), undefined);
  // A coloured picture whose samples happen to be grey is still hashed as RGB by the fallback.
  const tinted = { ...grey, data: Uint8Array.from(grey.data) };
  tinted.data[(6 * 700 + 3) * 3] = 121; // pixel (3, 6): ⌊x·700/512⌋ skips column 3, ⌊y·600/512⌋ row 6
  assert.equal(pdqFromReferenceRgb(tinted), undefined);
  assert.notEqual(referenceLuma(tinted).luma[0], 120, 'float32 BT.601 weights: the fallback hashed it as RGB');
});
