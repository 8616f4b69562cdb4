/**
 * Hostile and broken inputs: each must end in a typed AppError whose message names the cause
 * (or, where the decoder really recovers, in a hash; that is pinned too). Fixtures are generated
 * at test time: a benign picture (gradient, shapes, text), cut, overwritten or hand-built.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { pixelBombPng as handMadePng } from '../../test/support/pixel-bomb.js';
import { AppError, type AppErrorCode } from '../domain/app-error.js';
import { isPdqHex, pdqHexDistance } from '../signals/pdq/pdq-hash.js';
import { type PdqImageHash, pdqFromImage } from '../signals/pdq/pdq-image.js';
import type { ImageInput } from './image-decoder.js';

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#036"/><stop offset="1" stop-color="#fc8"/></linearGradient></defs>
  <rect width="320" height="240" fill="url(#g)"/><circle cx="100" cy="100" r="60" fill="#fff"/>
  <rect x="190" y="30" width="90" height="70" fill="#420"/>
  <text x="150" y="200" font-family="DejaVu Sans, sans-serif" font-size="36">Hello</text>
</svg>`;

async function rejectsWith(input: ImageInput, code: AppErrorCode, message: RegExp, maxPixels?: number) {
  await assert.rejects(pdqFromImage(input, { maxPixels }), (err: unknown) => {
    assert.ok(AppError.is(err), `expected an AppError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.match(err.message, message);
    return true;
  });
}

/** Upper bound on how far RSS rose above its level before `fn` (peak RSS never falls). */
async function rssGrowth(fn: () => Promise<void>): Promise<number> {
  const before = process.memoryUsage().rss;
  await fn();
  return process.resourceUsage().maxRSS * 1024 - before;
}

let dir = '';
let png: Buffer;
let jpeg: Buffer;
let pngHash: PdqImageHash;

function file(name: string, data: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-hostile-'));
  png = await sharp(Buffer.from(SVG)).flatten().png().toBuffer();
  jpeg = await sharp(png).jpeg({ quality: 90 }).toBuffer();
  pngHash = await pdqFromImage(png);
  assert.ok(pngHash.quality >= 80);
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('hostile inputs: not an image', () => {
  it('zero-byte file → empty-file', () => rejectsWith(file('empty.png', ''), 'empty-file', /empty \(0 bytes\)/));

  it('text file → unsupported-format', () =>
    rejectsWith(file('notes.txt', 'Meeting notes: nothing here is an image.\n'), 'unsupported-format', /Not an image/));

  it('random bytes → unsupported-format', () => {
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => ((i * 2654435761) >>> 13) & 255));
    return rejectsWith(noise, 'unsupported-format', /Not an image: .*no known image format/);
  });

  it('text named .jpg → unsupported-format (content decides, not the name)', () =>
    rejectsWith(file('photo.jpg', 'this is not really a jpeg'), 'unsupported-format', /Not an image/));

  it('zip archive named .png → unsupported-format naming zip', () =>
    rejectsWith(file('a.png', Buffer.from('PK\x03\x04 rest of an archive', 'latin1')), 'unsupported-format', /zip/));

  it('directory → unreadable-file', () => {
    const sub = join(dir, 'folder.jpg');
    mkdirSync(sub);
    return rejectsWith(sub, 'unreadable-file', /Cannot read file: EISDIR, it is a directory/);
  });

  it('missing path → unreadable-file', () =>
    rejectsWith(join(dir, 'no-such.png'), 'unreadable-file', /Cannot open file: ENOENT, no such file/));
});

describe('hostile inputs: truncated and damaged files', () => {
  const cut = (b: Buffer, fraction: number) => b.subarray(0, Math.floor(b.length * fraction));

  it('JPEG cut at 60% → truncated-image (baseline and progressive)', async () => {
    const progressive = await sharp(png).jpeg({ quality: 90, progressive: true }).toBuffer();
    for (const b of [jpeg, progressive]) {
      await rejectsWith(cut(b, 0.6), 'truncated-image', /ends early \(truncated file\): .*premature end of JPEG/);
    }
  });

  it('JPEG cut inside its headers → truncated-image', () =>
    rejectsWith(jpeg.subarray(0, 100), 'truncated-image', /ends early.*premature end of JPEG/));

  // libpng gives one message ("libpng read error") for a cut file, a bad CRC and broken zlib data,
  // so a PNG cut in its pixel data is corrupt-image, with a message that names both causes.
  it('PNG cut at 60% → corrupt-image saying "cut short or damaged"', () =>
    rejectsWith(cut(png, 0.6), 'corrupt-image', /PNG data could not be read: the file is cut short or its compressed/));

  it('PNG with damaged compressed data → corrupt-image with the same message', () => {
    const damaged = Buffer.from(png);
    const idat = damaged.indexOf('IDAT');
    for (let i = 0; i < 200; i++) damaged[idat + 100 + i] ^= 0x5a;
    return rejectsWith(damaged, 'corrupt-image', /cut short or its compressed data is damaged/);
  });

  it('PNG cut inside its header → corrupt-image naming the header', async () => {
    for (const n of [20, 40]) {
      await rejectsWith(
        png.subarray(0, n),
        'corrupt-image',
        /header could not be read \(corrupt, or the file is cut short\)/,
      );
    }
  });

  it('PNG missing only its IEND chunk → decoded anyway (libpng tolerates it), same hash', async () => {
    const got = await pdqFromImage(png.subarray(0, png.length - 12));
    assert.equal(got.hash, pngHash.hash);
  });

  it('JPEG with garbage over the middle of its scan → libjpeg recovers; the damaged picture is hashed', async (t) => {
    const damaged = Buffer.from(jpeg);
    const scan = damaged.indexOf(Buffer.from([0xff, 0xda]));
    const mid = Math.floor((scan + damaged.length) / 2);
    for (let i = 0; i < 2000; i++) damaged[mid + i] = (i * 37 + 11) & 255;
    const clean = await pdqFromImage(jpeg);
    const got = await pdqFromImage(damaged);
    const distance = pdqHexDistance(clean.hash, got.hash);
    t.diagnostic(`distance to the undamaged JPEG: ${distance}, quality ${got.quality}`);
    assert.ok(isPdqHex(got.hash));
    assert.deepEqual([got.width, got.height], [320, 240]);
    // No error and no warning: the hash is of the visibly damaged picture (measured: 66 bits away).
    assert.ok(distance > 16, `distance ${distance}`);
  });
});

describe('hostile inputs: decompression bombs', () => {
  it('the hand-made PNG builder makes valid PNGs', async () => {
    const got = await pdqFromImage(handMadePng(8, 8, 8));
    assert.deepEqual([got.width, got.height, got.quality], [8, 8, 0]);
  });

  it('PNG declaring 100000 × 100000 px with a tiny IDAT → image-too-large, RSS < 200 MB', async () => {
    const bomb = handMadePng(100_000, 100_000, 2);
    assert.ok(bomb.length < 4096, `${bomb.length} bytes`);
    const growth = await rssGrowth(() =>
      rejectsWith(bomb, 'image-too-large', /more pixels than the limit \(a decompression bomb/),
    );
    assert.ok(growth < 200e6, `RSS grew by ${Math.round(growth / 1e6)} MB`);
  });

  it('PNG just over the default limit (20000 × 20000) → image-too-large', () =>
    rejectsWith(handMadePng(20_000, 20_000, 1), 'image-too-large', /more pixels than the limit/));

  it('maxPixels is honoured for an ordinary picture', () =>
    rejectsWith(png, 'image-too-large', /more pixels than the limit/, 320 * 240 - 1));

  it('GIF declaring 65535 × 65535 px → image-too-large', async () => {
    const gif = Buffer.from(await sharp(png).resize(8, 8).gif().toBuffer());
    gif.writeUInt16LE(65535, 6); // logical screen
    gif.writeUInt16LE(65535, 8);
    const descriptor = gif.indexOf(0x2c, 13); // first image descriptor, after the global palette
    assert.deepEqual([gif.readUInt16LE(descriptor + 5), gif.readUInt16LE(descriptor + 7)], [8, 8]);
    gif.writeUInt16LE(65535, descriptor + 5);
    gif.writeUInt16LE(65535, descriptor + 7);
    const growth = await rssGrowth(() => rejectsWith(gif, 'image-too-large', /more pixels than the limit/));
    assert.ok(growth < 200e6, `RSS grew by ${Math.round(growth / 1e6)} MB`);
  });

  it('JPEG whose frame header declares 65500 × 65500 px → image-too-large', () => {
    const bomb = Buffer.from(jpeg);
    const sof = bomb.indexOf(Buffer.from([0xff, 0xc0]));
    bomb.writeUInt16BE(65500, sof + 5);
    bomb.writeUInt16BE(65500, sof + 7);
    return rejectsWith(bomb, 'image-too-large', /more pixels than the limit/);
  });

  it('BMP declaring 100000 × 100000 px → image-too-large from the BMP decoder', () => {
    const bmp = Buffer.alloc(200);
    bmp.write('BM', 0, 'latin1');
    bmp.writeUInt32LE(54, 10);
    bmp.writeUInt32LE(40, 14);
    bmp.writeInt32LE(100_000, 18);
    bmp.writeInt32LE(100_000, 22);
    bmp.writeUInt16LE(1, 26);
    bmp.writeUInt16LE(24, 28);
    return rejectsWith(bmp, 'image-too-large', /100000×100000 pixels, over the limit/);
  });

  // libwebp caps each side at 16383 px, so a WebP cannot declare more than the default limit:
  // a bigger canvas is refused while parsing.
  it('WebP whose VP8X canvas declares 100000 × 100000 px → corrupt-image', async () => {
    const still = await sharp(png).resize(8, 8).webp({ lossless: true }).toBuffer();
    const vp8x = Buffer.alloc(18);
    vp8x.write('VP8X', 0, 'latin1');
    vp8x.writeUInt32LE(10, 4);
    vp8x.writeUIntLE(100_000 - 1, 12, 3);
    vp8x.writeUIntLE(100_000 - 1, 15, 3);
    const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), vp8x, still.subarray(12)]);
    const riff = Buffer.alloc(8);
    riff.write('RIFF', 0, 'latin1');
    riff.writeUInt32LE(body.length, 4);
    await rejectsWith(Buffer.concat([riff, body]), 'corrupt-image', /header could not be read.*webp: unable to parse/);
  });
});
