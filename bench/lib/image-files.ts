/**
 * The images a bench runs over: every jpg/jpeg/png/webp under BENCH_IMAGES (recursive, sorted),
 * or else the generated synthetic set (bench/lib/generate-images.ts), limited to `limit` files.
 */
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { DEFAULT_SET_SIZE, ensureGeneratedImages, generatedSetDir } from './generate-images.js';

export const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp'];

export interface BenchFile {
  path: string;
  bytes: number;
}

export interface ImageSet {
  /** Where the files came from, for the report header. */
  source: string;
  files: BenchFile[];
}

async function walk(dir: string, out: string[]): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile() && IMAGE_EXTENSIONS.includes(extname(e.name).toLowerCase())) out.push(p);
  }
  return out;
}

export function isJpegPath(path: string): boolean {
  const ext = extname(path).toLowerCase();
  return ext === '.jpg' || ext === '.jpeg';
}

export async function loadImageSet(options: {
  dir?: string;
  limit?: number;
  onProgress?: (message: string) => void;
}): Promise<ImageSet> {
  let paths: string[];
  let source: string;
  if (options.dir) {
    paths = (await walk(options.dir, [])).sort();
    if (options.limit !== undefined) paths = paths.slice(0, options.limit);
    source = options.dir;
  } else {
    const count = options.limit ?? DEFAULT_SET_SIZE;
    paths = await ensureGeneratedImages(count, (done, total) =>
      options.onProgress?.(`generating synthetic image ${done}/${total}`),
    );
    source = `generated synthetic JPEGs (${generatedSetDir()})`;
  }
  const files = await Promise.all(paths.map(async (path) => ({ path, bytes: (await stat(path)).size })));
  return { source, files };
}
