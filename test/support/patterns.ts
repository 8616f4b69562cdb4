/**
 * Benign synthetic pictures made at test time: smooth blobs, gradients, checkerboards, text.
 */
import sharp from 'sharp';
import type { Pixels } from '../../src/signals/pdq/pdq-luma.js';
import { seeded } from './seeded.js';

export { blobs } from '../../src/media/synthetic-pictures.js';
export { seeded };

export function flat(width: number, height: number, value = 128): Pixels {
  return { data: new Uint8Array(width * height * 3).fill(value), width, height, channels: 3 };
}

export function checkerboard(width: number, height: number, cell: number): Pixels {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data[y * width + x] = (Math.floor(x / cell) + Math.floor(y / cell)) % 2 ? 255 : 0;
  return { data, width, height, channels: 1 };
}

/** Rotates/flips pixels: the transformed image a dihedral variant describes. */
export function transform(
  px: Pixels,
  kind: 'rot90' | 'rot180' | 'rot270' | 'flipx' | 'flipy' | 'flipplus1' | 'flipminus1',
): Pixels {
  const { width: w, height: h, channels: c } = px;
  const swap = kind === 'rot90' || kind === 'rot270' || kind === 'flipplus1' || kind === 'flipminus1';
  const ow = swap ? h : w;
  const oh = swap ? w : h;
  const data = new Uint8Array(px.data.length);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      // (sx, sy): the source pixel that lands at (x, y).
      const [sx, sy] = {
        rot90: [w - 1 - y, x], // counter-clockwise
        rot180: [w - 1 - x, h - 1 - y],
        rot270: [y, h - 1 - x], // clockwise
        flipx: [x, h - 1 - y], // top ↔ bottom
        flipy: [w - 1 - x, y], // left ↔ right
        flipplus1: [y, x], // transpose
        flipminus1: [w - 1 - y, h - 1 - x], // anti-transpose
      }[kind];
      for (let k = 0; k < c; k++) data[(y * ow + x) * c + k] = px.data[(sy * w + sx) * c + k];
    }
  }
  return { data, width: ow, height: oh, channels: c };
}

/** Black text on a light background, rendered by sharp from SVG, as PNG bytes. */
export async function textPng(text: string, width = 640, height = 360): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#f4f1e8"/>
    <rect x="20" y="20" width="${width / 3}" height="${height / 4}" fill="#3a6ea5"/>
    <circle cx="${width * 0.75}" cy="${height * 0.6}" r="${height / 5}" fill="#c8553d"/>
    <text x="40" y="${height / 2}" font-family="sans-serif" font-size="48" fill="#111">${text}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
