/**
 * A small, strict BMP decoder (libvips reads no BMP). Reads BITMAPINFOHEADER and its V2–V5
 * extensions: 1/4/8-bit palette, 16-bit (555, or BI_BITFIELDS such as 565), 24-bit and 32-bit
 * (BI_RGB or BI_BITFIELDS), bottom-up or top-down rows. Output is 8-bit RGB, alpha dropped, no
 * colour management, bit fields widened to 8 bits exactly as ImageMagick 6 (the PDQ reference's
 * decoder) widens them. Every header field is checked and every read is bounded: a short file is
 * `truncated-image`, nonsense fields are `corrupt-image`, RLE/JPEG/PNG payloads and OS/2 headers
 * are `unsupported-format`, and the pixel limit is checked before anything is allocated.
 */
import { AppError } from '../domain/app-error.js';
import type { Pixels } from '../signals/pdq/pdq-luma.js';

const FILE_HEADER = 14;
const INFO_HEADERS = new Set([40, 52, 56, 108, 124]);
const BI = { RGB: 0, RLE8: 1, RLE4: 2, BITFIELDS: 3, JPEG: 4, PNG: 5, ALPHABITFIELDS: 6 } as const;
const COMPRESSION_NAMES = ['BI_RGB', 'RLE8', 'RLE4', 'BI_BITFIELDS', 'JPEG', 'PNG', 'BI_ALPHABITFIELDS'];

export interface BmpHeader {
  width: number;
  height: number;
  topDown: boolean;
  bitsPerPixel: number;
  compression: number;
  pixelOffset: number;
  /** Bytes per stored row, padded to 4. */
  stride: number;
  /** BGRX palette entries (bit depths ≤ 8), as offset and count into the file. */
  paletteOffset: number;
  paletteSize: number;
  /** Red, green, blue masks for 16- and 32-bit pixels. */
  masks: [number, number, number];
}

function corrupt(message: string): AppError {
  return new AppError('corrupt-image', `Corrupt BMP: ${message}`);
}

function need(buf: Uint8Array, end: number, what: string): void {
  if (end > buf.length) {
    throw new AppError(
      'truncated-image',
      `Truncated BMP: the file ends at byte ${buf.length}; reading its ${what} needs ${end} bytes.`,
    );
  }
}

/** Checks a colour mask is one non-empty run of set bits. */
function checkMask(mask: number, name: string): void {
  if (mask === 0) throw corrupt(`the ${name} bit mask is empty.`);
  let m = mask >>> 0;
  while ((m & 1) === 0) m >>>= 1;
  if (((m + 1) & m) !== 0 && m !== 0xffffffff) throw corrupt(`the ${name} bit mask 0x${mask.toString(16)} has gaps.`);
}

function readMasks(view: DataView, at: number, bits: number): [number, number, number] {
  const masks: [number, number, number] = [
    view.getUint32(at, true),
    view.getUint32(at + 4, true),
    view.getUint32(at + 8, true),
  ];
  checkMask(masks[0], 'red');
  checkMask(masks[1], 'green');
  checkMask(masks[2], 'blue');
  const limit = bits === 16 ? 0xffff : 0xffffffff;
  if (masks.some((m) => m > limit)) throw corrupt(`a bit mask is wider than the ${bits}-bit pixel.`);
  if ((masks[0] & masks[1]) | (masks[0] & masks[2]) | (masks[1] & masks[2])) throw corrupt('the bit masks overlap.');
  return masks;
}

function defaultMasks(bits: number): [number, number, number] {
  return bits === 16 ? [0x7c00, 0x03e0, 0x001f] : [0xff0000, 0x00ff00, 0x0000ff];
}

/** Parses and validates the headers; checks the pixel limit and that all pixel rows are present. */
export function readBmpHeader(buf: Uint8Array, maxPixels: number): BmpHeader {
  need(buf, FILE_HEADER + 4, 'file header');
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf[0] !== 0x42 || buf[1] !== 0x4d) throw corrupt('the file does not start with "BM".');
  const pixelOffset = view.getUint32(10, true);
  const headerSize = view.getUint32(FILE_HEADER, true);
  if (headerSize === 12 || headerSize === 16 || headerSize === 64) {
    throw new AppError(
      'unsupported-format',
      `BMP with an OS/2 header (${headerSize} bytes) is not supported; convert to PNG to hash.`,
    );
  }
  if (!INFO_HEADERS.has(headerSize)) throw corrupt(`unknown header size ${headerSize}.`);
  need(buf, FILE_HEADER + headerSize, `${headerSize}-byte info header`);
  const width = view.getInt32(18, true);
  const rawHeight = view.getInt32(22, true);
  const planes = view.getUint16(26, true);
  const bits = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  const colorsUsed = view.getUint32(46, true);
  if (width <= 0) throw corrupt(`width ${width} is not positive.`);
  if (rawHeight === 0 || rawHeight === -0x80000000) throw corrupt(`height ${rawHeight} is not valid.`);
  if (planes !== 1) throw corrupt(`${planes} colour planes (must be 1).`);
  if (![1, 4, 8, 16, 24, 32].includes(bits)) throw corrupt(`${bits} bits per pixel is not a BMP depth.`);
  if (compression === BI.RLE8 || compression === BI.RLE4 || compression === BI.JPEG || compression === BI.PNG) {
    throw new AppError(
      'unsupported-format',
      `BMP with ${COMPRESSION_NAMES[compression]} compression is not supported; convert to PNG to hash.`,
    );
  }
  const bitfields = compression === BI.BITFIELDS || compression === BI.ALPHABITFIELDS;
  if (compression > BI.ALPHABITFIELDS) throw corrupt(`unknown compression ${compression}.`);
  if (bitfields && bits !== 16 && bits !== 32)
    throw corrupt(`${COMPRESSION_NAMES[compression]} with ${bits} bits per pixel.`);

  let headersEnd = FILE_HEADER + headerSize;
  let masks = defaultMasks(bits);
  if (bitfields) {
    // A plain 40-byte header is followed by the masks; longer headers carry them inside.
    if (headerSize === 40) headersEnd += compression === BI.ALPHABITFIELDS ? 16 : 12;
    need(buf, FILE_HEADER + 40 + 12, 'colour masks');
    masks = readMasks(view, FILE_HEADER + 40, bits);
  }
  let paletteSize = 0;
  if (bits <= 8) {
    if (colorsUsed > 1 << bits) throw corrupt(`${colorsUsed} palette colours for a ${bits}-bit image.`);
    paletteSize = colorsUsed === 0 ? 1 << bits : colorsUsed;
  }
  const paletteEnd = headersEnd + paletteSize * 4;
  if (pixelOffset < paletteEnd) throw corrupt(`pixel data offset ${pixelOffset} points inside the headers or palette.`);
  need(buf, paletteEnd, 'palette');

  const height = Math.abs(rawHeight);
  if (width * height > maxPixels) {
    throw new AppError(
      'image-too-large',
      `Image declares ${width}×${height} pixels, over the limit of ${maxPixels} pixels.`,
    );
  }
  const stride = Math.ceil((width * bits) / 32) * 4;
  need(buf, pixelOffset + stride * height, `${height} rows of ${stride} bytes from offset ${pixelOffset}`);
  return {
    width,
    height,
    topDown: rawHeight < 0,
    bitsPerPixel: bits,
    compression,
    pixelOffset,
    stride,
    paletteOffset: headersEnd,
    paletteSize,
    masks,
  };
}

/**
 * Widens a masked field to 8 bits exactly as ImageMagick 6 (Q16) does, since the PDQ reference
 * decodes through it: the field is moved to the top of a 16-bit sample; 16-bit pixels then
 * replicate 5-bit fields (and a 6-bit green) and fill fields of ≤ 8 bits from their top byte;
 * 32-bit pixels fill only 8-bit fields; the sample is then scaled to 8 bits. So 5-bit 31 → 255,
 * but a 4-bit 15 → 240 and a 5-bit field in a 32-bit pixel 31 → 247, as ImageMagick gives.
 */
function channelScaler(mask: number, bits: number, green: boolean): (px: number) => number {
  let top = 0;
  while (((mask << top) & 0x80000000) === 0) top++;
  let n = 0;
  for (let m = mask >>> 0; m !== 0; m >>>= 1) n += m & 1;
  const table = new Uint8Array(0x10000);
  for (let t16 = 0; t16 < 0x10000; t16++) {
    let t = t16;
    if (bits === 16) {
      if (n === 5) t |= (t & 0xe000) >> 5;
      if (n === 6 && green) t |= (t & 0xc000) >> 6;
      if (n <= 8) t |= (t & 0xff00) >> 8;
    } else if (n === 8) t |= t >> 8;
    table[t16] = (t + 128 - ((t + 128) >> 8)) >> 8;
  }
  return (px) => table[((px & mask) << top) >>> 16];
}

type Scalers = Array<(px: number) => number>;

function decodeRow(
  buf: Uint8Array,
  view: DataView,
  h: BmpHeader,
  scale: Scalers,
  row: number,
  out: Uint8Array,
  o: number,
) {
  const { width, bitsPerPixel: bits } = h;
  if (bits <= 8) {
    const perByte = 8 / bits;
    const mask = (1 << bits) - 1;
    for (let x = 0; x < width; x++) {
      const byte = buf[row + Math.floor(x / perByte)];
      const index = (byte >> (8 - bits * ((x % perByte) + 1))) & mask;
      // An index past the palette is data, not a header field: it reads as black, as browsers do.
      if (index < h.paletteSize) {
        const p = h.paletteOffset + index * 4;
        out[o] = buf[p + 2];
        out[o + 1] = buf[p + 1];
        out[o + 2] = buf[p];
      }
      o += 3;
    }
  } else if (bits === 24) {
    for (let x = 0, s = row; x < width; x++, s += 3, o += 3) {
      out[o] = buf[s + 2];
      out[o + 1] = buf[s + 1];
      out[o + 2] = buf[s];
    }
  } else {
    const [r, g, b] = scale;
    const step = bits / 8;
    for (let x = 0, s = row; x < width; x++, s += step, o += 3) {
      const px = bits === 16 ? view.getUint16(s, true) : view.getUint32(s, true);
      out[o] = r(px);
      out[o + 1] = g(px);
      out[o + 2] = b(px);
    }
  }
}

/** Decodes a whole BMP file to 8-bit RGB. */
export function decodeBmp(buf: Uint8Array, maxPixels: number): Pixels & { channels: 3 } {
  const h = readBmpHeader(buf, maxPixels);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const data = new Uint8Array(h.width * h.height * 3);
  const wide = h.bitsPerPixel === 16 || h.bitsPerPixel === 32;
  const scale = wide ? h.masks.map((mask, i) => channelScaler(mask, h.bitsPerPixel, i === 1)) : [];
  for (let y = 0; y < h.height; y++) {
    const stored = h.topDown ? y : h.height - 1 - y;
    decodeRow(buf, view, h, scale, h.pixelOffset + stored * h.stride, data, y * h.width * 3);
  }
  return { data, width: h.width, height: h.height, channels: 3 };
}
