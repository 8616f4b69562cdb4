/**
 * File type by content, never by name: the first bytes of a file decide what it is.
 */
export type FileKind = 'image' | 'video' | 'archive' | 'other';

export interface FileType {
  kind: FileKind;
  /** Short format name: jpeg, png, gif, webp, tiff, bmp, heic, avif, mp4, zip, … or 'unknown'. */
  format: string;
  mime: string;
}

/** How many leading bytes `sniffFileType` needs to see. */
export const SNIFF_BYTES = 512;

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

/** Bytes `start` to `end` (exclusive, cut at the end of `b`) as Latin-1 text: magic numbers, chunk names. */
export function ascii(b: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...b.subarray(start, Math.min(end, b.length)));
}

function startsWith(b: Uint8Array, bytes: number[], offset = 0): boolean {
  return bytes.every((v, i) => b[offset + i] === v);
}

function isoBmff(b: Uint8Array): FileType | undefined {
  if (ascii(b, 4, 8) !== 'ftyp') return undefined;
  const size = Math.min(((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0, b.length);
  const brands = [ascii(b, 8, 12)];
  for (let o = 16; o + 4 <= size; o += 4) brands.push(ascii(b, o, o + 4));
  if (brands.some((x) => AVIF_BRANDS.has(x))) return { kind: 'image', format: 'avif', mime: 'image/avif' };
  if (brands.some((x) => HEIC_BRANDS.has(x))) return { kind: 'image', format: 'heic', mime: 'image/heic' };
  if (brands[0] === 'qt  ') return { kind: 'video', format: 'mov', mime: 'video/quicktime' };
  if (brands.includes('mif1')) return { kind: 'image', format: 'heif', mime: 'image/heif' };
  return { kind: 'video', format: 'mp4', mime: 'video/mp4' };
}

export function sniffFileType(head: Uint8Array): FileType {
  const b = head;
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { kind: 'image', format: 'jpeg', mime: 'image/jpeg' };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: 'image', format: 'png', mime: 'image/png' };
  const a6 = ascii(b, 0, 6);
  if (a6 === 'GIF87a' || a6 === 'GIF89a') return { kind: 'image', format: 'gif', mime: 'image/gif' };
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP')
    return { kind: 'image', format: 'webp', mime: 'image/webp' };
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'AVI ')
    return { kind: 'video', format: 'avi', mime: 'video/x-msvideo' };
  if (
    startsWith(b, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]) ||
    startsWith(b, [0x49, 0x49, 0x2b, 0x00])
  )
    return { kind: 'image', format: 'tiff', mime: 'image/tiff' };
  if (ascii(b, 0, 2) === 'BM' && b.length >= 18) return { kind: 'image', format: 'bmp', mime: 'image/bmp' };
  const bmff = isoBmff(b);
  if (bmff) return bmff;
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return { kind: 'video', format: 'mkv', mime: 'video/x-matroska' };
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'archive', format: 'zip', mime: 'application/zip' };
  if (startsWith(b, [0x1f, 0x8b])) return { kind: 'archive', format: 'gzip', mime: 'application/gzip' };
  if (ascii(b, 257, 262) === 'ustar') return { kind: 'archive', format: 'tar', mime: 'application/x-tar' };
  return { kind: 'other', format: 'unknown', mime: 'application/octet-stream' };
}
