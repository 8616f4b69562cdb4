/**
 * Issue 5's memory bar: `vigil scan` over BENCH_MANY_FILES tiny files (default 100,000: small
 * text files plus one tiny picture in 50), run as the command a user runs (reports included), its
 * peak RSS read by /usr/bin/time. The files are made once and cached under the system temp folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { blobs } from '../test/support/patterns.js';
import { VIGIL_BIN } from '../test/support/resume-run.js';
import { envCount, parseBenchArgs } from './lib/bench-args.js';
import { formatTable, printJsonLine, status } from './lib/table.js';

const USAGE = `Usage: [BENCH_MANY_FILES=N] npm run bench:scan-many -- [--json] [--help]

Scans N tiny files (default 100,000: text files of a few bytes, every 50th a 32×24 PNG) with
\`vigil scan\` into a fresh database and prints files/s and the command's peak RSS (/usr/bin/time).
  --json  {bench:"scan", phase:"many-small", files, files_per_s, mb_per_s, decode_only_files_per_s
          (null: not measured here), peak_rss_mb}
Bar (issue 5): peak RSS under 1 GB scanning 100k files.`;

const args = parseBenchArgs(process.argv.slice(2), ['many-small'], USAGE, 1);
const count = envCount('BENCH_MANY_FILES', 100_000, USAGE);
const TIME = '/usr/bin/time';
if (!existsSync(TIME)) {
  process.stderr.write(`bench:scan-many reads the peak RSS with ${TIME} (Debian package "time"); it is missing.\n`);
  process.exit(2);
}

async function generated(n: number): Promise<{ dir: string; bytes: number }> {
  const dir = join(tmpdir(), `vigil-bench-many-v1-${n}`);
  let bytes = 0;
  for (let d = 0; d * 1000 < n; d++) {
    const folder = join(dir, `d${String(d).padStart(4, '0')}`);
    mkdirSync(folder, { recursive: true });
    const have = new Set(readdirSync(folder));
    for (let i = d * 1000; i < Math.min(n, (d + 1) * 1000); i++) {
      const image = i % 50 === 0;
      const name = `f${String(i).padStart(6, '0')}.${image ? 'png' : 'txt'}`;
      let data: Buffer;
      if (image) {
        const px = blobs(32, 24, i + 1);
        data = await sharp(Buffer.from(px.data), { raw: { width: 32, height: 24, channels: px.channels } })
          .png()
          .toBuffer();
      } else data = Buffer.from(`note ${i}\n`);
      bytes += data.length;
      if (!have.has(name)) writeFileSync(join(folder, name), data);
    }
    if (d % 10 === 9) status(`scan-many: ${Math.min(n, (d + 1) * 1000)} of ${n} files in ${dir}`);
  }
  return { dir, bytes };
}

const { dir, bytes } = await generated(count);
const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-many-db-'));
try {
  status(`scan-many: vigil scan of ${count} files…`);
  const t0 = performance.now();
  const run = spawnSync(
    TIME,
    ['-f', 'peak-rss-kb=%M', process.execPath, VIGIL_BIN, 'scan', '--case', 'MANY', '--db', dataDir, dir],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const seconds = (performance.now() - t0) / 1000;
  const kb = Number(/peak-rss-kb=(\d+)/.exec(run.stderr)?.[1]);
  if ((run.status !== 0 && run.status !== 4) || !Number.isFinite(kb)) {
    throw new Error(`vigil scan failed (${run.status}): ${run.stderr.slice(-2000)}`);
  }
  const row = {
    bench: 'scan',
    phase: 'many-small',
    files: count,
    files_per_s: Math.round(count / seconds),
    mb_per_s: Math.round((bytes / 1e6 / seconds) * 100) / 100,
    decode_only_files_per_s: null,
    peak_rss_mb: Math.round(kb / 1024),
  };
  if (args.json) printJsonLine(row);
  else {
    console.log(
      formatTable(
        [
          { header: 'phase', value: (r) => r.phase },
          { header: 'files', value: (r) => r.files },
          { header: 'files/s', value: (r) => r.files_per_s },
          { header: 'MB/s', value: (r) => r.mb_per_s },
          { header: 'peak RSS MB', value: (r) => r.peak_rss_mb },
          { header: 'under 1 GB', value: (r) => (r.peak_rss_mb < 1024 ? 'yes' : 'NO') },
        ],
        [row],
      ),
    );
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
