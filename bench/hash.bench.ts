/**
 * Hashing throughput on one core: sharp's decode, file digests (one read vs each hash alone),
 * PDQ exact and fast, and `djpeg` as the decode floor; then fast-mode drift (Hamming distance
 * between exact and fast PDQ of each image). See `--help`.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import sharp, { type SharpOptions } from 'sharp';
import { DEFAULT_MAX_PIXELS } from '../src/media/image-decoder.js';
import { digestFile } from '../src/signals/crypto/file-digests.js';
import { pdqHexDistance } from '../src/signals/pdq/pdq-hash.js';
import { pdqFromImage } from '../src/signals/pdq/pdq-image.js';
import { parseBenchArgs } from './lib/bench-args.js';
import { commandPeakRssMb, findCommand, timeCommandPerFile } from './lib/external-tool.js';
import { type DriftEntry, printHashReport, type Row } from './lib/hash-report.js';
import { type BenchFile, isJpegPath, loadImageSet } from './lib/image-files.js';
import { measure, median, medianSample, peakRssMb, type Sample } from './lib/stats.js';
import { status } from './lib/table.js';

const MODES = ['digests', 'digests-separate', 'pdq-fast', 'decode', 'pdq', 'djpeg'] as const;
type ModeName = (typeof MODES)[number];

const USAGE = `Usage: npm run bench:hash -- [--json] [--reps N] [--files N] [--modes a,b] [--help]

Times, on one core (sharp.concurrency(1), files in turn), over a folder of images:
  digests           MD5 + SHA-1 + SHA-256 of each file in one read (digestFile)
  digests-separate  the three hashes each alone over the bytes in memory, summed
  pdq-fast          pdqFromImage with fast (shrink-on-load) decoding
  decode            sharp's full decode to raw RGB (decodeImage's input options)
  pdq               pdqFromImage, exact
  djpeg             djpeg -outfile /dev/null per JPEG, the floor (skipped if djpeg is absent)
then the fast-mode drift: Hamming distance between the exact and fast hash of each image.

Images: BENCH_IMAGES=/dir (every jpg/jpeg/png/webp under it) or, by default, ~40 generated
synthetic photo-like JPEGs cached under the OS temp folder.
  --reps N     repetitions per mode; the median is reported (default 3)
  --files N    use only the first N images
  --modes a,b  run only these modes (in the order above)
  --json       one JSON object per row on stdout instead of the table
Peak RSS is the process's high-water mark at the end of each mode, so modes run from the
leanest up; djpeg's is the tool's own (via /usr/bin/time, on the largest JPEG).`;

/** PDQ of each file (path → hash, quality) from the last rep of `pdq` and of `pdq-fast`. */
type Hashes = Map<string, Map<string, { hash: string; quality: number }>>;

interface ModeRun {
  sample: Sample;
  failed: number;
}

const DECODE_INPUT: SharpOptions = {
  failOn: 'error',
  limitInputPixels: DEFAULT_MAX_PIXELS,
  ignoreIcc: true,
  autoOrient: false,
  pages: 1,
  page: 0,
};

/** Runs `each` over the files in turn; a file that fails is counted, not fatal. */
async function overFiles(files: readonly BenchFile[], each: (f: BenchFile) => Promise<unknown>): Promise<ModeRun> {
  let failed = 0;
  const sample = await measure(async () => {
    for (const f of files) {
      try {
        await each(f);
      } catch (err) {
        failed++;
        status(`  ${basename(f.path)}: ${(err as Error).message}`);
      }
    }
  });
  return { sample, failed };
}

/** The three hashes each alone over bytes already in memory; only the hashing is timed. */
async function digestsSeparate(files: readonly BenchFile[]): Promise<ModeRun> {
  const total: Sample = { wallMs: 0, cpuMs: 0 };
  for (const f of files) {
    const data = await readFile(f.path);
    for (const algorithm of ['md5', 'sha1', 'sha256']) {
      const s = await measure(() => {
        createHash(algorithm).update(data).digest('hex');
      });
      total.wallMs += s.wallMs;
      total.cpuMs += s.cpuMs;
    }
  }
  return { sample: total, failed: 0 };
}

function runnerFor(mode: ModeName, hashes: Hashes, djpeg: string) {
  const keep = (f: BenchFile, pdq: { hash: string; quality: number }) =>
    hashes.get(mode)?.set(f.path, { hash: pdq.hash, quality: pdq.quality });
  switch (mode) {
    case 'digests':
      return (files: readonly BenchFile[]) => overFiles(files, (f) => digestFile(f.path));
    case 'digests-separate':
      return digestsSeparate;
    case 'decode':
      return (files: readonly BenchFile[]) =>
        overFiles(files, (f) => sharp(f.path, DECODE_INPUT).removeAlpha().toColourspace('srgb').raw().toBuffer());
    case 'pdq':
    case 'pdq-fast':
      return (files: readonly BenchFile[]) =>
        overFiles(files, async (f) => keep(f, await pdqFromImage(f.path, { fast: mode === 'pdq-fast' })));
    case 'djpeg':
      return async (files: readonly BenchFile[]): Promise<ModeRun> => {
        const { failed, ...sample } = timeCommandPerFile(
          djpeg,
          (file) => ['-outfile', '/dev/null', file],
          files.map((f) => f.path),
        );
        return { sample, failed };
      };
  }
}

async function runMode(
  mode: ModeName,
  files: readonly BenchFile[],
  reps: number,
  hashes: Hashes,
  djpeg: string,
): Promise<Row> {
  const run = runnerFor(mode, hashes, djpeg);
  await run(files.slice(0, Math.min(2, files.length))); // warm-up: JIT, page cache, lazy init
  const samples: Sample[] = [];
  let failed = 0;
  for (let r = 0; r < reps; r++) {
    const { sample, failed: f } = await run(files);
    samples.push(sample);
    failed = Math.max(failed, f);
    status(`  ${mode} rep ${r + 1}/${reps}: ${sample.wallMs.toFixed(0)} ms wall, ${sample.cpuMs.toFixed(0)} ms CPU`);
  }
  const { wallMs, cpuMs } = medianSample(samples);
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  let rss: number | null = peakRssMb();
  if (mode === 'djpeg') {
    const largest = files.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    rss = commandPeakRssMb(djpeg, ['-outfile', '/dev/null', largest.path]);
  }
  return { mode, files: files.length, bytes, wallMs, cpuMs, peakRssMb: rss, reps, failed };
}

/** Exact vs fast PDQ of the same images, in bits, with the exact hash's quality. */
function driftOf(hashes: Hashes): DriftEntry[] | null {
  const exact = hashes.get('pdq');
  const fast = hashes.get('pdq-fast');
  if (!exact?.size || !fast?.size) return null;
  const out: DriftEntry[] = [];
  for (const [path, e] of exact) {
    const other = fast.get(path);
    if (other) out.push({ path, bits: pdqHexDistance(e.hash, other.hash), quality: e.quality });
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), MODES, USAGE);
  sharp.concurrency(1);
  sharp.cache(false);
  const set = await loadImageSet({ dir: process.env.BENCH_IMAGES || undefined, limit: args.files, onProgress: status });
  if (set.files.length === 0) {
    status(`No images found in ${set.source}.`);
    process.exit(2);
  }
  const djpeg = findCommand('djpeg');
  const hashes: Hashes = new Map([
    ['pdq', new Map()],
    ['pdq-fast', new Map()],
  ]);
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const mode of args.modes) {
    let files = set.files;
    if (mode === 'djpeg') {
      files = set.files.filter((f) => isJpegPath(f.path));
      if (!djpeg) {
        notes.push('djpeg: not installed (Debian: libjpeg-turbo-progs); row skipped.');
        continue;
      }
      if (files.length === 0) {
        notes.push('djpeg: no JPEGs in the set; row skipped.');
        continue;
      }
      if (files.length < set.files.length) notes.push(`djpeg: runs over the ${files.length} JPEGs of the set only.`);
    }
    status(`${mode}: ${files.length} files × ${args.reps} reps`);
    rows.push(await runMode(mode, files, args.reps, hashes, djpeg ?? 'djpeg'));
  }
  const drift = driftOf(hashes);
  const megapixels = await Promise.all(
    set.files.map(async (f) => {
      const m = await sharp(f.path).metadata();
      return (m.width * (m.pageHeight ?? m.height)) / 1e6;
    }),
  );
  printHashReport({
    json: args.json,
    source: set.source,
    files: set.files.length,
    bytes: set.files.reduce((sum, f) => sum + f.bytes, 0),
    medianMegapixels: median(megapixels),
    rows,
    drift,
    notes,
  });
}

await main();
