/**
 * Thumbnails from decoded pixels, checked against libvips' own EXIF auto-orientation of the same
 * picture (an independent oracle), for all eight orientations and for the conformance phone photos.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { AppError } from '../domain/app-error.js';
import { decodeImage } from './image-decoder.js';
import { EMPTY_METADATA } from './media-metadata.js';
import { closeMetadataReader, readMetadata } from './metadata.js';
import { makeThumbnail, type ThumbnailSource, thumbnailSize } from './thumbnail.js';

const ROTN = join(import.meta.dirname, '../../../shared/conformance/pdq/reg-test-input/exif-rotn');
const W = 300;
const H = 200;

/** Four quadrants of distinct colours: every one of the 8 turns/mirrors gives a different layout. */
function quadrants(): Buffer {
  const colours = [
    [220, 30, 30],
    [30, 200, 40],
    [30, 40, 220],
    [240, 240, 240],
  ];
  const data = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const c = colours[(y < H / 2 ? 0 : 2) + (x < W / 2 ? 0 : 1)];
      data.set(c, (y * W + x) * 3);
    }
  }
  return data;
}

const source = (orientation: number): ThumbnailSource => ({
  data: quadrants(),
  width: W,
  height: H,
  channels: 3,
  sourceWidth: W,
  sourceHeight: H,
  orientation,
});

/** Mean absolute difference per channel of two encoded pictures, both brought to w×h RGB. */
async function meanDifference(a: Buffer, b: Buffer, w: number, h: number): Promise<number> {
  const rgb = (x: Buffer) =>
    sharp(x).resize(w, h, { fit: 'fill' }).removeAlpha().toColourspace('srgb').raw().toBuffer();
  const [pa, pb] = await Promise.all([rgb(a), rgb(b)]);
  let sum = 0;
  for (let i = 0; i < pa.length; i++) sum += Math.abs(pa[i] - pb[i]);
  return sum / pa.length;
}

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-thumbnail-test-'));
});
after(async () => {
  await closeMetadataReader();
  rmSync(dir, { recursive: true, force: true });
});

describe('thumbnailSize', () => {
  it('fits the long side to 256 and never enlarges', () => {
    assert.deepEqual(thumbnailSize(4032, 3024), { width: 256, height: 192 });
    assert.deepEqual(thumbnailSize(600, 1200), { width: 128, height: 256 });
    assert.deepEqual(thumbnailSize(40, 30), { width: 40, height: 30 });
    assert.deepEqual(thumbnailSize(10_000, 10), { width: 256, height: 1 });
  });
});

describe('makeThumbnail', () => {
  it('applies each of the 8 EXIF orientations the way libvips auto-orients the same picture', async () => {
    const png = await sharp(quadrants(), { raw: { width: W, height: H, channels: 3 } })
      .png()
      .toBuffer();
    for (let orientation = 1; orientation <= 8; orientation++) {
      const thumb = await makeThumbnail(source(orientation));
      const turned = orientation >= 5;
      assert.deepEqual([thumb.width, thumb.height], turned ? [171, 256] : [256, 171], `orientation ${orientation}`);
      const tagged = await sharp(png).withMetadata({ orientation }).png().toBuffer();
      const oracle = await sharp(tagged).autoOrient().png().toBuffer();
      const diff = await meanDifference(thumb.bytes, oracle, thumb.width, thumb.height);
      assert.ok(diff < 4, `orientation ${orientation}: mean difference ${diff.toFixed(2)}`);
      // A wrong turn moves whole quadrants: far above the bound.
      if (orientation !== 1) {
        const unturned = await sharp(png).png().toBuffer();
        const wrong = await meanDifference(thumb.bytes, unturned, thumb.width, thumb.height);
        assert.ok(wrong > 40, `orientation ${orientation} left unapplied would differ by only ${wrong.toFixed(2)}`);
      }
    }
  });

  it('writes WebP (or JPEG) with no metadata at all, even from a photo full of it', async () => {
    const file = join(dir, 'camera.jpg');
    await sharp(quadrants(), { raw: { width: W, height: H, channels: 3 } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'Vigil Test', Model: 'Pattern Cam 1' },
        IFD2: { BodySerialNumber: 'SN-1', DateTimeOriginal: '2024:05:01 12:00:00' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '10/1 0/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '20/1 0/1 0/1' },
      })
      .withMetadata({ orientation: 8 })
      .toFile(file);
    assert.equal((await readMetadata(file)).cameraSerial, 'SN-1');
    const decoded = await decodeImage(file);
    for (const format of ['webp', 'jpeg'] as const) {
      const thumb = await makeThumbnail(decoded, { format });
      assert.equal(thumb.mime, `image/${format}`);
      const meta = await sharp(thumb.bytes).metadata();
      assert.equal(meta.format, format);
      assert.deepEqual([meta.width, meta.height], [171, 256]);
      assert.deepEqual(
        [meta.exif, meta.icc, meta.xmp, meta.iptc, meta.orientation],
        [undefined, undefined, undefined, undefined, undefined],
      );
      assert.deepEqual(await readMetadata(thumb.bytes), { ...EMPTY_METADATA, width: 171, height: 256 });
    }
  });

  it('keeps small pictures at their size, and makes grey pictures too', async () => {
    const small = await makeThumbnail({
      ...source(1),
      data: Buffer.alloc(40 * 30 * 3, 128),
      width: 40,
      height: 30,
      sourceWidth: 40,
      sourceHeight: 30,
    });
    assert.deepEqual([small.width, small.height], [40, 30]);
    const grey = await makeThumbnail({ ...source(6), data: Buffer.alloc(W * H, 90), channels: 1 });
    assert.deepEqual([grey.width, grey.height], [171, 256]);
    const { data } = await sharp(grey.bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
    assert.ok(data.every((v) => Math.abs(v - 90) <= 2));
  });

  it('restores the aspect ratio of a fast-mode decode (512×512 whatever the shape)', async () => {
    const file = join(dir, 'wide.jpg');
    await sharp(quadrants(), { raw: { width: W, height: H, channels: 3 } })
      .resize(1200, 800)
      .jpeg()
      .toFile(file);
    const fast = await decodeImage(file, { fast: true });
    assert.deepEqual([fast.width, fast.height], [512, 512]);
    const thumb = await makeThumbnail(fast);
    assert.deepEqual([thumb.width, thumb.height], [256, 171]);
    const png = await sharp(quadrants(), { raw: { width: W, height: H, channels: 3 } })
      .png()
      .toBuffer();
    assert.ok((await meanDifference(thumb.bytes, png, 256, 171)) < 6);
  });

  it('refuses pixels that do not match their stated size', async () => {
    await assert.rejects(makeThumbnail({ ...source(1), data: Buffer.alloc(10) }), (e: unknown) =>
      AppError.is(e, 'corrupt-image'),
    );
  });
});

describe('makeThumbnail on the conformance phone photos', {
  skip: !existsSync(ROTN) && 'no ../shared/conformance',
}, () => {
  it('shows each photo upright, as libvips auto-orients it', async () => {
    for (const n of [1, 3, 6, 8]) {
      const file = join(ROTN, `exif-rotn-${n}.jpg`);
      const thumb = await makeThumbnail(await decodeImage(file));
      assert.deepEqual([thumb.width, thumb.height], n >= 5 ? [192, 256] : [256, 192], `exif-rotn-${n}`);
      const oracle = await sharp(file, { ignoreIcc: true })
        .autoOrient()
        .resize(thumb.width, thumb.height)
        .png()
        .toBuffer();
      const diff = await meanDifference(thumb.bytes, oracle, thumb.width, thumb.height);
      assert.ok(diff < 4, `exif-rotn-${n}: mean difference ${diff.toFixed(2)}`);
    }
  });
});
