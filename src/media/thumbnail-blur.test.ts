import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { textPng } from '../../test/support/patterns.js';
import { blurThumbnail, greyscaleThumbnail } from './thumbnail-blur.js';

/** Mean absolute difference of two same-sized pictures, grey levels 0–255. */
async function difference(a: Buffer, b: Buffer): Promise<number> {
  const grey = (x: Buffer) => sharp(x).greyscale().extractChannel(0).raw().toBuffer();
  const [pa, pb] = [await grey(a), await grey(b)];
  assert.equal(pa.length, pb.length);
  let sum = 0;
  for (let i = 0; i < pa.length; i++) sum += Math.abs(pa[i] - pb[i]);
  return sum / pa.length;
}

const thumbnailOf = async (text: string) =>
  sharp(await textPng(text, 320, 200))
    .resize(256)
    .webp()
    .toBuffer();

describe('blurred thumbnails', () => {
  it('keep the size and the colours but not the detail: two pictures differing in text blur alike', async () => {
    const [one, two] = [await thumbnailOf('Ref 1234'), await thumbnailOf('Ref 4321')];
    const [blurOne, blurTwo] = [await blurThumbnail(one), await blurThumbnail(two)];
    assert.equal(blurOne.mime, 'image/webp');
    const meta = await sharp(blurOne.bytes).metadata();
    assert.deepEqual([meta.width, meta.height], [256, 160]);
    const clear = await difference(one, two);
    const blurred = await difference(blurOne.bytes, blurTwo.bytes);
    assert.ok(clear > 3, `the clear thumbnails differ (${clear})`);
    assert.ok(blurred < clear / 3, `the blurred ones hardly do (${blurred} vs ${clear})`);
    assert.ok((await difference(one, blurOne.bytes)) < 40, 'the blurred one still looks like the picture');
  });

  it('turn grey on request, blurred or clear', async () => {
    const thumb = await thumbnailOf('Grey');
    for (const shown of [await blurThumbnail(thumb, { greyscale: true }), await greyscaleThumbnail(thumb)]) {
      const { data, info } = await sharp(shown.bytes).raw().toBuffer({ resolveWithObject: true });
      let spread = 0;
      for (let i = 0; i < data.length; i += info.channels) spread = Math.max(spread, Math.abs(data[i] - data[i + 2]));
      assert.ok(spread <= 3, `channels within WebP rounding (${spread})`);
    }
  });

  it('refuses bytes that are not a picture with a typed error', async () => {
    await assert.rejects(blurThumbnail(Buffer.from('not a picture')), (err: Error & { code?: string }) => {
      assert.equal(err.name, 'AppError');
      return true;
    });
  });
});
