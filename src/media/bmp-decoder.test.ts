import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError, type AppErrorCode } from '../domain/app-error.js';
import { decodeBmp } from './bmp-decoder.js';
import { decodeImage } from './image-decoder.js';

interface EncodeOptions {
  bits: 1 | 4 | 8 | 16 | 24 | 32;
  topDown?: boolean;
  /** 40 (BITMAPINFOHEADER), 108 (V4) or 124 (V5). */
  headerSize?: 40 | 108 | 124;
  /** R, G, B masks: written with BI_BITFIELDS; otherwise BI_RGB. */
  masks?: [number, number, number];
}

/** A tiny BMP encoder for the tests: 8-bit RGB in, BMP bytes out. */
function encodeBmp(rgb: Uint8Array, width: number, height: number, opts: EncodeOptions): Buffer {
  const { bits, headerSize = 40, masks } = opts;
  const palette: number[] = [];
  if (bits <= 8) {
    for (let i = 0; i < rgb.length; i += 3) {
      const c = (rgb[i] << 16) | (rgb[i + 1] << 8) | rgb[i + 2];
      if (!palette.includes(c)) palette.push(c);
    }
    assert.ok(palette.length <= 1 << bits, 'too many colours for the palette');
  }
  const maskBytes = masks && headerSize === 40 ? 12 : 0;
  const pixelOffset = 14 + headerSize + maskBytes + palette.length * 4;
  const stride = Math.ceil((width * bits) / 32) * 4;
  const buf = Buffer.alloc(pixelOffset + stride * height);
  buf.write('BM', 0, 'latin1');
  buf.writeUInt32LE(buf.length, 2);
  buf.writeUInt32LE(pixelOffset, 10);
  buf.writeUInt32LE(headerSize, 14);
  buf.writeInt32LE(width, 18);
  buf.writeInt32LE(opts.topDown ? -height : height, 22);
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(bits, 28);
  buf.writeUInt32LE(masks ? 3 : 0, 30);
  buf.writeUInt32LE(stride * height, 34);
  buf.writeUInt32LE(palette.length, 46);
  for (const [i, m] of (masks ?? []).entries()) buf.writeUInt32LE(m >>> 0, 54 + i * 4);
  for (const [i, c] of palette.entries()) buf.writeUInt32LE(c, 14 + headerSize + maskBytes + i * 4);
  const packMasks = masks ?? (bits === 16 ? [0x7c00, 0x03e0, 0x001f] : [0xff0000, 0xff00, 0xff]);
  const pack = (v: number, mask: number) => {
    let shift = 0;
    while (((mask >>> shift) & 1) === 0) shift++;
    const max = mask >>> shift;
    return Math.round((v * max) / 255) * 2 ** shift;
  };
  for (let y = 0; y < height; y++) {
    const row = pixelOffset + (opts.topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      if (bits <= 8) {
        const index = palette.indexOf((rgb[i] << 16) | (rgb[i + 1] << 8) | rgb[i + 2]);
        const bitPos = x * bits;
        buf[row + (bitPos >> 3)] |= index << (8 - bits - (bitPos & 7));
      } else if (bits === 24) {
        buf[row + x * 3] = rgb[i + 2];
        buf[row + x * 3 + 1] = rgb[i + 1];
        buf[row + x * 3 + 2] = rgb[i];
      } else {
        const px = pack(rgb[i], packMasks[0]) + pack(rgb[i + 1], packMasks[1]) + pack(rgb[i + 2], packMasks[2]);
        if (bits === 16) buf.writeUInt16LE(px, row + x * 2);
        else buf.writeUInt32LE(px, row + x * 4);
      }
    }
  }
  return buf;
}

/** Deterministic test pixels from `pick(pixel index, channel)`. */
function picture(width: number, height: number, pick: (i: number, c: number) => number): Uint8Array {
  const out = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) for (let c = 0; c < 3; c++) out[i * 3 + c] = pick(i, c) & 255;
  return out;
}

const paletted = (colours: number) => (i: number, c: number) => (((i * 7 + (i >> 3)) % colours) * 37 + c * 91) % 256;
const anyByte = (i: number, c: number) => (i * 31 + c * 97 + ((i * i) >> 2)) % 256;
/** 8-bit values a 5- or 6-bit field holds exactly: bit replication, as BMP readers widen them. */
const replicated = (bits: 5 | 6) => (i: number, c: number) => {
  const q = (i * 13 + c * 5) % 2 ** bits;
  return (q << (8 - bits)) | (q >> (2 * bits - 8));
};
const rgb565 = (i: number, c: number) => replicated(c === 1 ? 6 : 5)(i, c);

function expectCode(fn: () => unknown, code: AppErrorCode, message: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(AppError.is(err), `expected an AppError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.match(err.message, message);
    return true;
  });
}

const W = 13; // odd, so every depth needs row padding and sub-byte packing crosses bytes
const H = 7;

describe('decodeBmp: pixels match the encoded source exactly', () => {
  const cases: Array<[string, EncodeOptions, (i: number, c: number) => number]> = [
    ['1-bit palette', { bits: 1 }, paletted(2)],
    ['4-bit palette', { bits: 4 }, paletted(16)],
    ['4-bit palette, top-down', { bits: 4, topDown: true }, paletted(11)],
    ['8-bit palette', { bits: 8 }, paletted(200)],
    ['8-bit palette, top-down', { bits: 8, topDown: true }, paletted(256)],
    ['16-bit 555 (BI_RGB)', { bits: 16 }, replicated(5)],
    ['16-bit 565 (BI_BITFIELDS)', { bits: 16, masks: [0xf800, 0x07e0, 0x001f] }, rgb565],
    ['16-bit 565, top-down', { bits: 16, topDown: true, masks: [0xf800, 0x07e0, 0x001f] }, rgb565],
    ['24-bit', { bits: 24 }, anyByte],
    ['24-bit, top-down', { bits: 24, topDown: true }, anyByte],
    ['32-bit BI_RGB', { bits: 32 }, anyByte],
    ['32-bit BI_BITFIELDS, RGBA byte order', { bits: 32, masks: [0xff, 0xff00, 0xff0000] }, anyByte],
    ['32-bit BI_BITFIELDS, 10-10-10', { bits: 32, masks: [0x3ff00000, 0xffc00, 0x3ff] }, anyByte],
    ['24-bit, V4 header', { bits: 24, headerSize: 108 }, anyByte],
    [
      '32-bit BI_BITFIELDS, V5 header, top-down',
      { bits: 32, headerSize: 124, topDown: true, masks: [0xff0000, 0xff00, 0xff] },
      anyByte,
    ],
    ['8-bit palette, V5 header', { bits: 8, headerSize: 124 }, paletted(99)],
  ];
  for (const [name, opts, pick] of cases) {
    it(name, () => {
      const source = picture(W, H, pick);
      const out = decodeBmp(encodeBmp(source, W, H, opts), 1e6);
      assert.equal(out.width, W);
      assert.equal(out.height, H);
      assert.equal(out.channels, 3);
      assert.deepEqual(Buffer.from(out.data), Buffer.from(source));
    });
  }

  it('reads 1 px and 1 px wide images', () => {
    for (const [w, h] of [
      [1, 1],
      [1, 9],
      [9, 1],
    ]) {
      const source = picture(w, h, anyByte);
      assert.deepEqual(Buffer.from(decodeBmp(encodeBmp(source, w, h, { bits: 24 }), 100).data), Buffer.from(source));
    }
  });

  it('is wired into decodeImage with the decodeImage shape', async () => {
    const source = picture(W, H, anyByte);
    const out = await decodeImage(encodeBmp(source, W, H, { bits: 24, topDown: true }));
    assert.deepEqual(out.type, { kind: 'image', format: 'bmp', mime: 'image/bmp' });
    assert.deepEqual([out.width, out.height, out.sourceWidth, out.sourceHeight, out.pages], [W, H, W, H, 1]);
    assert.deepEqual(Buffer.from(out.data), Buffer.from(source));
  });
});

describe('decodeBmp: bit fields widen to 8 bits as ImageMagick 6, the PDQ reference decoder, widens them', () => {
  // [pixel bits, masks, channel, field values, 8-bit results measured with `convert x.bmp pnm:-`, IM 6.9.11 Q16]
  const golden: Array<[16 | 32, [number, number, number], number, number[], number[]]> = [
    [16, [0xf800, 0x07e0, 0x001f], 0, [0, 1, 3, 16, 17, 31], [0, 8, 24, 132, 140, 255]],
    [16, [0xf800, 0x07e0, 0x001f], 1, [1, 16, 32, 33, 63], [4, 65, 130, 134, 255]],
    [16, [0xfc00, 0x03e0, 0x001f], 0, [1, 16, 33, 63], [4, 64, 132, 252]], // a 6-bit red is not replicated
    [16, [0xff00, 0x00f0, 0x000f], 2, [1, 8, 15], [16, 128, 240]], // nor a 4-bit field
    [32, [0xf8000000, 0x07c00000, 0x003e0000], 0, [1, 16, 17, 31], [8, 128, 135, 247]],
    [32, [0x3ff00000, 0x000ffc00, 0x000003ff], 0, [1, 2, 3, 1023], [0, 0, 1, 255]],
  ];
  for (const [bits, masks, channel, values, expected] of golden) {
    it(`${bits}-bit pixel, mask 0x${masks[channel].toString(16)}`, () => {
      const bmp = encodeBmp(new Uint8Array(values.length * 3), values.length, 1, { bits, masks });
      const at = bmp.readUInt32LE(10);
      const shift = Math.log2(masks[channel] & -masks[channel]);
      for (const [i, v] of values.entries()) {
        if (bits === 16) bmp.writeUInt16LE(v * 2 ** shift, at + i * 2);
        else bmp.writeUInt32LE(v * 2 ** shift, at + i * 4);
      }
      const out = decodeBmp(bmp, 100).data;
      assert.deepEqual(
        values.map((_, i) => out[i * 3 + channel]),
        expected,
      );
    });
  }
});

describe('decodeBmp: hostile files', () => {
  const valid = () => encodeBmp(picture(W, H, anyByte), W, H, { bits: 24 });

  it('refuses a file cut inside the pixel rows as truncated', () => {
    const bmp = valid();
    expectCode(() => decodeBmp(bmp.subarray(0, bmp.length - 5), 1e6), 'truncated-image', /Truncated BMP.*rows/);
  });

  it('refuses a file cut inside the header or the palette as truncated', () => {
    expectCode(() => decodeBmp(valid().subarray(0, 30), 1e6), 'truncated-image', /info header/);
    const pal = encodeBmp(picture(W, H, paletted(200)), W, H, { bits: 8 });
    expectCode(() => decodeBmp(pal.subarray(0, 100), 1e6), 'truncated-image', /palette/);
  });

  const corruptions: Array<[string, (b: Buffer) => void, RegExp]> = [
    ['zero width', (b) => b.writeInt32LE(0, 18), /width 0/],
    ['negative width', (b) => b.writeInt32LE(-5, 18), /width -5/],
    ['zero height', (b) => b.writeInt32LE(0, 22), /height 0/],
    ['INT32_MIN height', (b) => b.writeInt32LE(-0x80000000, 22), /height/],
    ['two planes', (b) => b.writeUInt16LE(2, 26), /planes/],
    ['7 bits per pixel', (b) => b.writeUInt16LE(7, 28), /7 bits per pixel/],
    ['unknown header size', (b) => b.writeUInt32LE(41, 14), /header size 41/],
    ['unknown compression', (b) => b.writeUInt32LE(9, 30), /compression 9/],
    ['bitfields on 24-bit', (b) => b.writeUInt32LE(3, 30), /BI_BITFIELDS with 24/],
    ['pixel offset inside the header', (b) => b.writeUInt32LE(20, 10), /offset 20/],
    ['not BM', (b) => b.write('XX', 0, 'latin1'), /"BM"/],
  ];
  for (const [name, damage, message] of corruptions) {
    it(`refuses ${name} as corrupt`, () => {
      const bmp = valid();
      damage(bmp);
      expectCode(() => decodeBmp(bmp, 1e6), 'corrupt-image', message);
    });
  }

  it('refuses a palette larger than the bit depth allows', () => {
    const bmp = encodeBmp(picture(W, H, paletted(2)), W, H, { bits: 1 });
    bmp.writeUInt32LE(3, 46);
    expectCode(() => decodeBmp(bmp, 1e6), 'corrupt-image', /3 palette colours for a 1-bit/);
  });

  it('refuses empty, gapped, overlapping or too-wide bit masks', () => {
    const masks: Array<[[number, number, number], RegExp]> = [
      [[0, 0x07e0, 0x001f], /red bit mask is empty/],
      [[0xf800, 0x0760, 0x001f], /green bit mask 0x760 has gaps/],
      [[0xf800, 0x0fe0, 0x001f], /overlap/],
      [[0x1f800, 0x07e0, 0x001f], /wider than the 16-bit/],
    ];
    for (const [m, message] of masks) {
      const bmp = encodeBmp(
        picture(W, H, () => 0),
        W,
        H,
        { bits: 16, masks: [0xf800, 0x07e0, 0x001f] },
      );
      for (const [i, v] of m.entries()) bmp.writeUInt32LE(v, 54 + i * 4);
      expectCode(() => decodeBmp(bmp, 1e6), 'corrupt-image', message);
    }
  });

  it('refuses RLE, embedded JPEG and OS/2 headers as unsupported, naming them', () => {
    for (const [compression, name] of [
      [1, 'RLE8'],
      [2, 'RLE4'],
      [4, 'JPEG'],
      [5, 'PNG'],
    ] as const) {
      const bmp = valid();
      bmp.writeUInt32LE(compression, 30);
      expectCode(() => decodeBmp(bmp, 1e6), 'unsupported-format', new RegExp(`${name} compression is not supported`));
    }
    const os2 = valid();
    os2.writeUInt32LE(12, 14);
    expectCode(() => decodeBmp(os2, 1e6), 'unsupported-format', /OS\/2 header/);
  });

  it('refuses a declared-huge image before allocating, even when its rows are missing', () => {
    const bomb = valid().subarray(0, 54 + 64);
    bomb.writeInt32LE(100_000, 18);
    bomb.writeInt32LE(-100_000, 22);
    const before = process.memoryUsage().rss;
    expectCode(() => decodeBmp(bomb, 268_402_689), 'image-too-large', /100000×100000 pixels, over the limit/);
    assert.ok(process.memoryUsage().rss - before < 50e6, 'no pixel buffer was allocated');
  });

  it('applies maxPixels exactly at the limit', () => {
    const bmp = valid();
    assert.equal(decodeBmp(bmp, W * H).width, W);
    expectCode(() => decodeBmp(bmp, W * H - 1), 'image-too-large', /over the limit of 90 pixels/);
  });

  it('reads an out-of-palette index as black rather than reading past the palette', () => {
    const bmp = encodeBmp(picture(W, H, paletted(2)), W, H, { bits: 8 });
    const pixelOffset = bmp.readUInt32LE(10);
    bmp[pixelOffset] = 255;
    const out = decodeBmp(bmp, 1e6);
    const last = (H - 1) * W * 3; // bottom-up: the first stored row is the last image row
    assert.deepEqual([...out.data.subarray(last, last + 3)], [0, 0, 0]);
  });
});
