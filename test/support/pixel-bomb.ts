/**
 * A decompression-bomb picture made at test time: a well-formed PNG whose header declares a huge
 * size while its IDAT holds only a few zero rows, so the file is tiny and decoding it in full
 * would need gigabytes. With a small size and as many rows as it declares, it is a plain valid PNG.
 */
import { deflateSync } from 'node:zlib';
import { crc32 } from './archive-fixtures.js';

function pngChunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An 8-bit RGB PNG declaring `width`×`height` (default 100,000 px square) with `rows` zero rows of data. */
export function pixelBombPng(width = 100_000, height = 100_000, rows = 2): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const idat = deflateSync(Buffer.alloc((1 + width * 3) * rows));
  return Buffer.concat([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}
