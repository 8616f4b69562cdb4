import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';

type Sharp = ReturnType<typeof sharp>;

import { conformanceMissing, PDQ_VECTORS } from '../../../test/support/paths.js';
import { blobs } from '../../../test/support/patterns.js';
import { pdqHexDistance } from './pdq-hash.js';
import { pdqFromImage } from './pdq-image.js';

async function rgbaWithHiddenColour(width: number, height: number): Promise<Sharp> {
  // The left half is fully transparent over strong colour: PDQ drops alpha and hashes that colour.
  const px = blobs(width, height, 5);
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0, s = 0; i < width * height; i++, s += 3) {
    rgba.set(px.data.subarray(s, s + 3), i * 4);
    rgba[i * 4 + 3] = i % width < width / 2 ? 0 : 255;
  }
  return sharp(rgba, { raw: { width, height, channels: 4 } });
}

test('fast mode hashes transparent images exactly like exact mode (alpha dropped, not premultiplied)', async () => {
  for (const encode of [(s: Sharp) => s.png(), (s: Sharp) => s.webp({ lossless: true })]) {
    const file = await encode(await rgbaWithHiddenColour(1200, 900)).toBuffer();
    const exact = await pdqFromImage(file);
    const fast = await pdqFromImage(file, { fast: true });
    assert.equal(fast.hash, exact.hash);
    assert.ok(exact.quality >= 50, `quality ${exact.quality}`);
  }
});

test('fast mode changes nothing for images of 512 px or less', async () => {
  const px = blobs(500, 400, 9);
  const jpeg = await sharp(px.data, { raw: { width: 500, height: 400, channels: 3 } })
    .jpeg()
    .toBuffer();
  assert.deepEqual(await pdqFromImage(jpeg, { fast: true }), await pdqFromImage(jpeg));
});

test('fast mode stays within matching distance of exact mode on a photo', { skip: conformanceMissing }, async () => {
  const file = join(PDQ_VECTORS, 'reg-test-input/exif-rotn/exif-rotn-1.jpg');
  const exact = await pdqFromImage(file);
  const fast = await pdqFromImage(file, { fast: true });
  const d = pdqHexDistance(exact.hash, fast.hash);
  assert.ok(d <= 16, `fast mode drifted ${d} bits`);
  assert.ok(fast.quality >= 80);
});
