/**
 * Every kind of image input the hasher meets, generated at test time from one benign picture
 * (gradients, shapes, text) and hashed from files on disk. Each format must give a usable PDQ
 * hash close to the same picture saved as PNG; the bounds are the distances measured with the
 * pinned sharp/libheif versions plus a small margin, so a decoder change that moves pixels fails.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { pdqHexDistance } from '../signals/pdq/pdq-hash.js';
import { type PdqImageHash, pdqFromImage } from '../signals/pdq/pdq-image.js';

const W = 640;
const H = 480;
const ZERO_HASH = '0'.repeat(64);

function pictureSvg(hue: number, label: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
  <defs>
    <linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${hue},80%,25%)"/><stop offset="1" stop-color="hsl(${hue + 120},70%,75%)"/>
    </linearGradient>
    <radialGradient id="r"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#f80" stop-opacity="0"/></radialGradient>
  </defs>
  <rect width="${W}" height="${H}" fill="url(#g)"/>
  <circle cx="180" cy="170" r="110" fill="url(#r)"/>
  <rect x="360" y="60" width="200" height="140" fill="#124" transform="rotate(12 460 130)"/>
  <polygon points="80,440 300,300 420,460" fill="#eee"/>
  <text x="330" y="360" font-family="DejaVu Sans, sans-serif" font-size="56" font-weight="bold">${label}</text>
</svg>`;
}

/** The picture as opaque 8-bit RGB PNG. */
const render = (hue: number, label: string) =>
  sharp(Buffer.from(pictureSvg(hue, label)))
    .flatten()
    .png()
    .toBuffer();

/** A minimal 24-bit bottom-up BMP writer (sharp writes no BMP). */
async function toBmp(png: Buffer): Promise<Buffer> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const stride = Math.ceil((info.width * 3) / 4) * 4;
  const bmp = Buffer.alloc(54 + stride * info.height);
  bmp.write('BM', 0, 'latin1');
  bmp.writeUInt32LE(bmp.length, 2);
  bmp.writeUInt32LE(54, 10);
  bmp.writeUInt32LE(40, 14);
  bmp.writeInt32LE(info.width, 18);
  bmp.writeInt32LE(info.height, 22);
  bmp.writeUInt16LE(1, 26);
  bmp.writeUInt16LE(24, 28);
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const s = (y * info.width + x) * 3;
      const o = 54 + (info.height - 1 - y) * stride + x * 3;
      bmp[o] = data[s + 2];
      bmp[o + 1] = data[s + 1];
      bmp[o + 2] = data[s];
    }
  }
  return bmp;
}

function heifEnc(dir: string, png: Buffer): Buffer {
  const src = join(dir, 'heic-source.png');
  const out = join(dir, 'heif-enc-output.heic');
  writeFileSync(src, png);
  try {
    execFileSync('heif-enc', ['-q', '90', src, '-o', out], { stdio: 'pipe' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('heif-enc is missing, so no HEIC fixture can be made: apt-get install libheif-examples');
    }
    throw err;
  }
  return readFileSync(out);
}

let dir = '';
let png: Buffer; // the picture, 8-bit RGB PNG: the reference every format is compared with
let ref: PdqImageHash;

async function hashFile(name: string, data: Buffer): Promise<PdqImageHash> {
  const path = join(dir, name);
  writeFileSync(path, data);
  return pdqFromImage(path);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-image-inputs-'));
  png = await render(200, 'Vigil 42');
  ref = await hashFile('reference.png', png);
  assert.equal(ref.quality, 100);
});

after(() => rmSync(dir, { recursive: true, force: true }));

interface FormatCase {
  name: string;
  file: string;
  format: string;
  make: (png: Buffer) => Promise<Buffer> | Buffer;
  /** Largest Hamming distance to the PNG reference (measured value in the comment). */
  maxDistance: number;
}

const s = (b: Buffer) => sharp(b);
const CASES: FormatCase[] = [
  {
    name: 'JPEG baseline',
    file: 'a.jpg',
    format: 'jpeg',
    make: (b) => s(b).jpeg({ quality: 90 }).toBuffer(),
    maxDistance: 4,
  }, // 0
  {
    name: 'JPEG progressive',
    file: 'a-progressive.jpg',
    format: 'jpeg',
    make: (b) => s(b).jpeg({ quality: 90, progressive: true }).toBuffer(),
    maxDistance: 4, // 0
  },
  {
    // Profile-based RGB→CMYK on the way in, profile-free CMYK→RGB (as the reference) on the way out.
    name: 'JPEG CMYK',
    file: 'a-cmyk.jpg',
    format: 'jpeg',
    make: (b) => s(b).toColourspace('cmyk').jpeg({ quality: 90 }).toBuffer(),
    maxDistance: 12, // 10
  },
  {
    name: 'PNG palette',
    file: 'a-palette.png',
    format: 'png',
    make: (b) => s(b).png({ palette: true }).toBuffer(),
    maxDistance: 4,
  }, // 2
  {
    name: 'PNG grey',
    file: 'a-grey.png',
    format: 'png',
    make: (b) => s(b).toColourspace('b-w').png().toBuffer(),
    maxDistance: 4,
  }, // 2
  {
    name: 'PNG grey + alpha',
    file: 'a-grey-alpha.png',
    format: 'png',
    make: (b) => s(b).toColourspace('b-w').ensureAlpha(0.5).png().toBuffer(),
    maxDistance: 4, // 2
  },
  {
    name: 'PNG 16-bit RGB',
    file: 'a-16.png',
    format: 'png',
    make: (b) => s(b).toColourspace('rgb16').png().toBuffer(),
    maxDistance: 0,
  },
  {
    name: 'PNG RGBA',
    file: 'a-rgba.png',
    format: 'png',
    make: (b) => s(b).ensureAlpha(0.3).png().toBuffer(),
    maxDistance: 0,
  },
  {
    name: 'WebP lossy',
    file: 'a.webp',
    format: 'webp',
    make: (b) => s(b).webp({ quality: 90 }).toBuffer(),
    maxDistance: 4,
  }, // 2
  {
    name: 'WebP lossless',
    file: 'a-lossless.webp',
    format: 'webp',
    make: (b) => s(b).webp({ lossless: true }).toBuffer(),
    maxDistance: 0,
  },
  { name: 'GIF', file: 'a.gif', format: 'gif', make: (b) => s(b).gif().toBuffer(), maxDistance: 4 }, // 2
  {
    name: 'TIFF (LZW)',
    file: 'a.tif',
    format: 'tiff',
    make: (b) => s(b).tiff({ compression: 'lzw' }).toBuffer(),
    maxDistance: 0,
  },
  // sharp's TIFF default is JPEG compression, so a "TIFF" is often lossy.
  {
    name: 'TIFF (sharp default, JPEG inside)',
    file: 'a-jpeg.tif',
    format: 'tiff',
    make: (b) => s(b).tiff().toBuffer(),
    maxDistance: 4,
  }, // 2
  { name: 'AVIF', file: 'a.avif', format: 'avif', make: (b) => s(b).avif({ quality: 80 }).toBuffer(), maxDistance: 4 }, // 0
  { name: 'HEIC (heif-enc)', file: 'a.heic', format: 'heic', make: (b) => heifEnc(dir, b), maxDistance: 4 }, // 0
  { name: 'BMP 24-bit (own decoder)', file: 'a.bmp', format: 'bmp', make: toBmp, maxDistance: 0 },
];

describe('image inputs: every format hashes close to the PNG of the same picture', () => {
  for (const c of CASES) {
    it(c.name, async (t) => {
      const got = await hashFile(c.file, await c.make(png));
      const distance = pdqHexDistance(ref.hash, got.hash);
      t.diagnostic(`distance ${distance}, quality ${got.quality}`);
      assert.equal(got.format, c.format);
      assert.deepEqual([got.width, got.height, got.pages], [W, H, 1]);
      assert.ok(got.quality >= 80, `quality ${got.quality}`);
      assert.ok(distance <= c.maxDistance, `distance ${distance} > ${c.maxDistance}`);
    });
  }

  it('PNG 1-bit hashes the same as its own 8-bit grey PNG', async () => {
    const grey = await sharp(png).toColourspace('b-w').threshold(128).png().toBuffer();
    const oneBit = await sharp(grey).png({ palette: true, colours: 2 }).toBuffer();
    assert.deepEqual([oneBit[24], oneBit[25]], [1, 3], 'IHDR says 1 bit per pixel, palette');
    const a = await hashFile('bw-8.png', grey);
    const b = await hashFile('bw-1.png', oneBit);
    assert.ok(b.quality >= 80, `quality ${b.quality}`);
    assert.equal(b.hash, a.hash);
  });
});

describe('image inputs: animations hash their first frame', () => {
  for (const format of ['gif', 'webp'] as const) {
    it(`animated ${format.toUpperCase()}`, async (t) => {
      const second = await render(20, 'OTHER').then((b) => sharp(b).rotate(180).png().toBuffer());
      const secondHash = await hashFile(`frame-2.png`, second);
      assert.ok(pdqHexDistance(ref.hash, secondHash.hash) >= 100, 'the frames differ strongly');
      const anim = await sharp([png, second], { join: { animated: true } })
        [format](format === 'webp' ? { quality: 90 } : {})
        .toBuffer();
      const got = await hashFile(`animated.${format}`, anim);
      const toFirst = pdqHexDistance(ref.hash, got.hash);
      t.diagnostic(`distance to frame 1: ${toFirst}`);
      assert.equal(got.pages, 2);
      assert.equal(got.height, H);
      assert.ok(got.quality >= 80, `quality ${got.quality}`);
      assert.ok(toFirst <= 4, `distance to frame 1: ${toFirst}`);
      assert.ok(pdqHexDistance(secondHash.hash, got.hash) >= 100, 'far from frame 2');
    });
  }
});

describe('image inputs: orientation, tiny and flat images', () => {
  it('reports EXIF orientation without applying it', async () => {
    const plain = await hashFile('plain.jpg', await sharp(png).jpeg({ quality: 90 }).toBuffer());
    const tagged = await hashFile(
      'oriented.jpg',
      await sharp(png).withMetadata({ orientation: 6 }).jpeg({ quality: 90 }).toBuffer(),
    );
    assert.equal(tagged.orientation, 6);
    assert.equal(plain.orientation ?? 1, 1);
    assert.deepEqual([tagged.width, tagged.height], [W, H], 'stored grid, not rotated');
    assert.equal(tagged.hash, plain.hash);
  });

  it('gives images under 5 px a side the zero hash with quality 0, without error', async () => {
    for (const [w, h] of [
      [4, 100],
      [100, 4],
      [1, 1],
    ]) {
      const raw = Buffer.from(Array.from({ length: w * h * 3 }, (_, i) => (i * 73) % 256));
      const tiny = await sharp(raw, { raw: { width: w, height: h, channels: 3 } })
        .png()
        .toBuffer();
      const got = await hashFile(`tiny-${w}x${h}.png`, tiny);
      assert.deepEqual([got.hash, got.quality, got.width, got.height], [ZERO_HASH, 0, w, h]);
    }
  });

  it('gives a flat image quality 0', async () => {
    const flat = await sharp({ create: { width: W, height: H, channels: 3, background: '#6a8' } })
      .png()
      .toBuffer();
    const got = await hashFile('flat.png', flat);
    assert.equal(got.quality, 0);
  });
});
