/**
 * A reproducible set of benign, photo-like JPEGs for benchmarks: soft gradients and blurred
 * shapes (rendered from SVG at a quarter of the size, then enlarged like an out-of-focus scene)
 * with sensor-like grain on top. Written once into a cache folder under os.tmpdir() and reused.
 */
import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { seeded as prng } from '../../test/support/seeded.js';

/** Bump when the recipe changes so stale caches are not reused. */
const SET_VERSION = 1;
export const DEFAULT_SET_SIZE = 40;
const QUALITY = 90;
/** Side of the grain tile; odd so its seams do not line up with JPEG's 8×8 blocks. */
const GRAIN_TILE = 509;

export function generatedSetDir(): string {
  return join(tmpdir(), `vigil-bench-images-v${SET_VERSION}`);
}

/** Sizes from 1600×1200 up to 4000×3000, landscape and some portrait, 4:3, 3:2 and 16:9. */
function sizeFor(index: number, rand: () => number): { width: number; height: number } {
  const aspects = [4 / 3, 3 / 2, 16 / 9, 4 / 3];
  const aspect = aspects[index % aspects.length];
  const long = Math.round((1600 + rand() * 2400) / 8) * 8;
  const short = Math.max(1200, Math.min(3000, Math.round(long / aspect / 8) * 8));
  return index % 5 === 4 ? { width: short, height: long } : { width: long, height: short };
}

function colour(rand: () => number): string {
  const h = Math.floor(rand() * 360);
  const s = 20 + Math.floor(rand() * 60);
  const l = 20 + Math.floor(rand() * 60);
  return `hsl(${h},${s}%,${l}%)`;
}

/** A scene at (w × h): sky/ground gradient, a sun-like glow, blurred and sharp shapes. */
function sceneSvg(w: number, h: number, rand: () => number): string {
  const parts: string[] = [];
  const horizon = Math.round(h * (0.3 + rand() * 0.4));
  parts.push(
    `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${colour(rand)}"/>` +
      `<stop offset="1" stop-color="${colour(rand)}"/></linearGradient>` +
      `<linearGradient id="ground" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${colour(rand)}"/>` +
      `<stop offset="1" stop-color="${colour(rand)}"/></linearGradient>` +
      `<radialGradient id="glow"><stop offset="0" stop-color="#fff8e0" stop-opacity="0.9"/>` +
      `<stop offset="1" stop-color="#fff8e0" stop-opacity="0"/></radialGradient>` +
      `<filter id="soft"><feGaussianBlur stdDeviation="${(2 + rand() * 6).toFixed(1)}"/></filter>` +
      `<filter id="texture"><feTurbulence type="fractalNoise" baseFrequency="${(0.02 + rand() * 0.06).toFixed(3)}" ` +
      `numOctaves="4" seed="${Math.floor(rand() * 1000)}"/><feColorMatrix type="saturate" values="0"/></filter></defs>`,
    `<rect width="${w}" height="${horizon}" fill="url(#sky)"/>`,
    `<rect y="${horizon}" width="${w}" height="${h - horizon}" fill="url(#ground)"/>`,
    `<rect y="${horizon}" width="${w}" height="${h - horizon}" filter="url(#texture)" opacity="0.35"/>`,
    `<circle cx="${Math.round(rand() * w)}" cy="${Math.round(rand() * horizon)}" r="${Math.round(h * 0.2)}" fill="url(#glow)"/>`,
  );
  const blurred: string[] = [];
  for (let i = 0; i < 25; i++) {
    const rx = Math.round(w * (0.02 + rand() * 0.15));
    const ry = Math.round(h * (0.02 + rand() * 0.15));
    blurred.push(
      `<ellipse cx="${Math.round(rand() * w)}" cy="${Math.round(rand() * h)}" rx="${rx}" ry="${ry}" ` +
        `fill="${colour(rand)}" fill-opacity="${(0.3 + rand() * 0.6).toFixed(2)}"/>`,
    );
  }
  parts.push(`<g filter="url(#soft)">${blurred.join('')}</g>`);
  for (let i = 0; i < 40; i++) {
    const x = Math.round(rand() * w);
    const y = Math.round(horizon + rand() * (h - horizon));
    const s = Math.round(h * (0.01 + rand() * 0.08));
    const pts = [0, 1, 2, 3, 4]
      .map(() => `${x + Math.round((rand() - 0.5) * s * 2)},${y + Math.round((rand() - 0.5) * s * 2)}`)
      .join(' ');
    parts.push(`<polygon points="${pts}" fill="${colour(rand)}" fill-opacity="${(0.5 + rand() * 0.5).toFixed(2)}"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${parts.join('')}</svg>`;
}

/** Grain as a raw RGB tile (tiled over the image): seeded Gaussian noise around mid-grey. */
function grainTile(rand: () => number, sigma: number): Buffer {
  const data = Buffer.alloc(GRAIN_TILE * GRAIN_TILE * 3);
  for (let i = 0; i < data.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - rand()));
    const t = 2 * Math.PI * rand();
    data[i] = Math.max(0, Math.min(255, Math.round(128 + sigma * r * Math.cos(t))));
    if (i + 1 < data.length) data[i + 1] = Math.max(0, Math.min(255, Math.round(128 + sigma * r * Math.sin(t))));
  }
  return data;
}

async function writeImage(path: string, index: number): Promise<void> {
  const rand = prng(0x5eed + index * 7919);
  const { width, height } = sizeFor(index, rand);
  // Rendered small first: given the target size, sharp would have librsvg draw the SVG full size.
  const small = await sharp(Buffer.from(sceneSvg(Math.round(width / 4), Math.round(height / 4), rand)))
    .png({ compressionLevel: 0 })
    .toBuffer();
  const scene = await sharp(small).resize(width, height, { kernel: 'lanczos3', fit: 'fill' }).removeAlpha().toBuffer();
  const grain = grainTile(rand, 8 + rand() * 14);
  const tmp = `${path}.${process.pid}.tmp`;
  await sharp(scene)
    .composite([
      { input: grain, raw: { width: GRAIN_TILE, height: GRAIN_TILE, channels: 3 }, tile: true, blend: 'overlay' },
    ])
    .jpeg({ quality: QUALITY })
    .toFile(tmp);
  await rename(tmp, path);
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).size > 0;
  } catch {
    return false;
  }
}

/**
 * Paths of the first `count` images of the generated set, writing any that are missing.
 * `onProgress` is told of each image written (for a status line on stderr).
 */
export async function ensureGeneratedImages(
  count = DEFAULT_SET_SIZE,
  onProgress?: (done: number, total: number) => void,
): Promise<string[]> {
  const dir = generatedSetDir();
  await mkdir(dir, { recursive: true });
  const paths = Array.from({ length: count }, (_, i) => join(dir, `synthetic-${String(i).padStart(3, '0')}.jpg`));
  for (let i = 0; i < paths.length; i++) {
    if (!(await exists(paths[i]))) {
      await writeImage(paths[i], i);
      onProgress?.(i + 1, paths.length);
    }
  }
  const present = new Set(await readdir(dir));
  return paths.filter((p) => present.has(p.slice(dir.length + 1)));
}
