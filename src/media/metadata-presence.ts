/**
 * Whether a picture's bytes can hold any metadata Vigil reads (media-metadata.ts: EXIF with maker
 * notes, XMP, IPTC), found by walking the file's own structure: JPEG segments before the scan data,
 * PNG chunks, WebP (RIFF) chunks. `false` only when the walk reached the end of that structure
 * and met no block that could carry them (an EXIF block counts only if it holds a tag we read,
 * exif-presence.ts; a PNG text chunk only if its keyword names XMP or a raw EXIF/IPTC profile);
 * anything else, including every other format and any damage, is `true`, so ExifTool still reads it. A scan skips ExifTool — about 16 ms of CPU a
 * picture — only on `false`.
 */

import { exifMayHold } from './exif-presence.js';
import { ascii } from './file-type.js';

/** JPEG APPn segments that carry nothing we read: JFIF/JFXX (APP0), ICC profile or MPF (APP2), Adobe (APP14). */
const PLAIN_APP: Record<number, string[]> = {
  224: ['JFIF\0', 'JFXX\0'],
  226: ['ICC_PROFILE\0', 'MPF\0'],
  238: ['Adobe'],
};

function u16(b: Uint8Array, o: number): number {
  return (b[o] << 8) | b[o + 1];
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}

function u32le(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

function jpegMayHold(b: Uint8Array): boolean {
  let o = 2;
  while (o + 4 <= b.length) {
    if (b[o] !== 0xff) return true;
    const marker = b[o + 1];
    if (marker === 0xff) {
      o++; // fill byte
      continue;
    }
    if (marker === 0xda) return false; // start of scan: every metadata segment comes before it
    if (marker === 0xd9) return true; // end of image before any scan: damaged
    if (marker >= 0xd0 && marker <= 0xd7) return true; // restart marker outside a scan: damaged
    const length = u16(b, o + 2);
    if (length < 2 || o + 2 + length > b.length) return true;
    if (marker === 0xe1 && ascii(b, o + 4, o + 10) === 'Exif\0\0') {
      if (exifMayHold(b, o + 10, o + 2 + length)) return true;
    } else if (marker >= 0xe0 && marker <= 0xef) {
      const plain = PLAIN_APP[marker]?.some((id) => ascii(b, o + 4, o + 4 + id.length) === id);
      if (!plain) return true; // APP1 XMP, APP13 (IPTC) and anything unfamiliar
    }
    o += 2 + length;
  }
  return true;
}

/** PNG text chunks: their keyword comes first, uncompressed, up to a NUL (1–79 bytes). */
const PNG_TEXT_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt']);

/**
 * Text keywords ExifTool reads as XMP, EXIF or IPTC (ImageMagick's "Raw profile type exif|iptc|xmp|
 * APP1|8bim", Adobe's XMP); any other keyword (Software, Comment, Creation Time…) lands in ExifTool's
 * PNG group, which media-metadata.ts does not read.
 */
function textMayHold(b: Uint8Array, data: number, end: number): boolean {
  const nul = b.subarray(data, Math.min(end, data + 80)).indexOf(0);
  if (nul < 1) return true;
  const keyword = ascii(b, data, data + nul).toLowerCase();
  return keyword === 'xml:com.adobe.xmp' || keyword.startsWith('raw profile type');
}

function pngMayHold(b: Uint8Array): boolean {
  let o = 8;
  while (o + 12 <= b.length) {
    const length = u32(b, o);
    const type = ascii(b, o + 4, o + 8);
    const data = o + 8;
    if (data + length > b.length) return true;
    if (type === 'eXIf' && exifMayHold(b, data, data + length)) return true;
    if (PNG_TEXT_CHUNKS.has(type) && textMayHold(b, data, data + length)) return true;
    if (type === 'IEND') return false;
    o += 12 + length;
  }
  return true; // no IEND: cut short
}

function webpMayHold(b: Uint8Array): boolean {
  const end = Math.min(b.length, 8 + u32le(b, 4));
  let o = 12;
  while (o + 8 <= end) {
    const type = ascii(b, o, o + 4);
    if (type === 'EXIF' || type === 'XMP ') return true;
    const length = u32le(b, o + 4);
    o += 8 + length + (length & 1);
  }
  return o !== end;
}

export function mayHoldMetadata(bytes: Uint8Array): boolean {
  const b = bytes;
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpegMayHold(b);
  if (b.length >= 8 && u32(b, 0) === 0x89504e47 && u32(b, 4) === 0x0d0a1a0a) return pngMayHold(b);
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return webpMayHold(b);
  return true;
}
