/**
 * vPDQ throughput on one core: seconds of video hashed per wall second at one frame per second
 * (the default) and at every frame, over the sample videos, split SD / HD; ffmpeg's decode alone
 * as the floor; and a long generated SD video at 1 fps to show memory stays flat. See `--help`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { probeVideo } from '../src/media/video-probe.js';
import { hashVideo } from '../src/signals/vpdq/vpdq-hasher.js';
import { makeVideo } from '../test/support/generated-videos.js';
import { VPDQ_VECTORS } from '../test/support/paths.js';
import { envCount, parseBenchArgs } from './lib/bench-args.js';
import { findCommand } from './lib/external-tool.js';
import { childrenCpuMs, median, peakRssMb, round } from './lib/stats.js';
import { formatTable, printJsonLine, status } from './lib/table.js';

const MODES = ['decode', '1fps', 'keyframes', 'every-frame', 'long-1fps', 'long-keyframes'] as const;
type Mode = (typeof MODES)[number];

const USAGE = `Usage: [BENCH_VIDEOS=dir] [BENCH_LONG_SECONDS=N] npm run bench:video -- [--json] [--reps N] [--modes a,b]

Times vPDQ on one core (the process and its ffmpeg pinned to one CPU with taskset when there;
BENCH_CORES=all to leave them free; ffmpeg decodes with one thread), per video class
(SD: up to 720×576 pixels; HD: larger), over the sample videos:
  decode       ffmpeg's decode of the first video stream alone (-f null), the floor
  1fps         hashVideo at one frame per second (the default, as the reference's Python binding)
  keyframes    hashVideo of the keyframes only, at most one per second (fast triage)
  every-frame  hashVideo of every frame (the reference CLI's default)
  long-1fps    a generated SD video of BENCH_LONG_SECONDS (default 600; H.264 with B-frames, a keyframe
               every 2 s, like the samples) at 1 fps: startup costs vanish, memory must stay flat
  long-keyframes  the same video, keyframes only
Videos: BENCH_VIDEOS=/dir (every .mp4/.mkv/.mov/.avi/.webm in it) or the conformance sample videos.
  --reps N     repetitions; the median wall time is reported (default 3)
  --json       one object per row: {bench:"video", mode, video_seconds, wall_s, x_realtime, cpu_s,
               x_realtime_cpu, peak_rss_mb}; cpu_s counts this process and its ffmpeg/ffprobe
               children, so x_realtime_cpu holds when other work shares the core
Bar (issue 8): 1fps on SD >= 20x real time on one core; memory flat on a long video.`;

interface Row {
  bench: 'video';
  mode: string;
  video_seconds: number;
  wall_s: number;
  x_realtime: number;
  cpu_s: number;
  x_realtime_cpu: number;
  peak_rss_mb: number;
}

/** Re-runs this bench pinned to one CPU (the last one) unless it already is or BENCH_CORES=all. */
function pinToOneCore(): void {
  if (process.env.VIGIL_BENCH_PINNED || process.env.BENCH_CORES === 'all') return;
  const taskset = findCommand('taskset');
  if (!taskset) {
    status('video: taskset not found; running unpinned');
    return;
  }
  const cpu = String(cpus().length - 1);
  const script = fileURLToPath(import.meta.url);
  const r = spawnSync(taskset, ['-c', cpu, process.execPath, ...process.execArgv, script, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, VIGIL_BENCH_PINNED: cpu },
  });
  process.exit(r.status ?? 1);
}

interface Video {
  path: string;
  seconds: number;
  sd: boolean;
}

async function describeVideo(path: string): Promise<Video> {
  const info = await probeVideo(path);
  const seconds = info.durationSeconds ?? (info.declaredFrames ?? 0) / info.frameRate;
  return { path, seconds, sd: info.width * info.height <= 720 * 576 };
}

async function videosIn(dir: string): Promise<Video[]> {
  const files = readdirSync(dir)
    .filter((f) => /\.(mp4|mkv|mov|avi|webm)$/i.test(f))
    .sort();
  return Promise.all(files.map((f) => describeVideo(join(dir, f))));
}

/** Resident memory sampled every 100 ms while `work` runs: [max in the first, max in the last fifth]. */
async function rssDuring(work: () => Promise<unknown>): Promise<[number, number]> {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(process.memoryUsage().rss / 2 ** 20), 100);
  await work();
  clearInterval(timer);
  const fifth = Math.max(1, Math.floor(samples.length / 5));
  return [Math.max(...samples.slice(0, fifth)), Math.max(...samples.slice(-fifth))].map(Math.round) as [number, number];
}

function longVideo(seconds: number): string {
  const dir = join(tmpdir(), 'vigil-bench-video-v2');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `long-sd-${seconds}s.mp4`);
  if (!existsSync(path)) {
    status(`video: generating a ${seconds} s 640×480 video in ${dir}…`);
    const codecArgs = ['-c:v', 'libx264', '-preset', 'veryfast', '-bf', '3', '-g', '60', '-pix_fmt', 'yuv420p'];
    makeVideo(path, { seconds, width: 640, height: 480, rate: '30', codecArgs });
  }
  return path;
}

function decodeOnly(path: string): void {
  const r = spawnSync('ffmpeg', [
    '-nostdin',
    '-v',
    'error',
    '-threads',
    '1',
    '-i',
    path,
    '-map',
    '0:v:0',
    '-f',
    'null',
    '-',
  ]);
  if (r.status !== 0) throw new Error(`ffmpeg could not decode ${path}`);
}

/** One pass over the videos: wall seconds, and CPU seconds of this process and its children. */
async function runOnce(mode: Mode, videos: readonly Video[]): Promise<{ wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const children0 = childrenCpuMs() ?? 0;
  const t0 = performance.now();
  for (const v of videos) {
    if (mode === 'decode') decodeOnly(v.path);
    else {
      const secondsPerHash = mode === 'every-frame' ? 0 : 1;
      await hashVideo(v.path, { secondsPerHash, keyframes: mode === 'keyframes', threads: 1 });
    }
  }
  const wall = (performance.now() - t0) / 1000;
  const own = process.cpuUsage(cpu0);
  const children = (childrenCpuMs() ?? 0) - children0;
  return { wall, cpu: (own.user + own.system) / 1e6 + children / 1000 };
}

async function measureRow(mode: string, run: Mode, videos: readonly Video[], reps: number): Promise<Row> {
  const samples: Array<{ wall: number; cpu: number }> = [];
  for (let i = 0; i < reps; i++) samples.push(await runOnce(run, videos));
  const seconds = videos.reduce((t, v) => t + v.seconds, 0);
  const wall = median(samples.map((x) => x.wall));
  const cpu = median(samples.map((x) => x.cpu));
  const walls = samples.map((x) => x.wall.toFixed(2)).join(', ');
  status(`video: ${mode}: ${walls} s wall for ${seconds.toFixed(1)} s of video`);
  return {
    bench: 'video',
    mode,
    video_seconds: round(seconds, 1),
    wall_s: round(wall, 3),
    x_realtime: round(seconds / wall, 1),
    cpu_s: round(cpu, 3),
    x_realtime_cpu: round(seconds / cpu, 1),
    peak_rss_mb: Math.round(peakRssMb()),
  };
}

pinToOneCore();
const args = parseBenchArgs(process.argv.slice(2), MODES, USAGE);
const longSeconds = envCount('BENCH_LONG_SECONDS', 600, USAGE);
const dir = process.env.BENCH_VIDEOS ?? join(VPDQ_VECTORS, 'videos');
if (!existsSync(dir)) {
  process.stderr.write(`No videos at ${dir}: set BENCH_VIDEOS=/dir.\n\n${USAGE}\n`);
  process.exit(2);
}
const videos = await videosIn(dir);
const rows: Row[] = [];
let longRss: [number, number] | undefined;
// Warm up (module JIT, the WebAssembly kernel, the page cache) outside the timings.
await hashVideo(videos[0].path, { threads: 1 });
for (const mode of args.modes) {
  if (mode === 'long-1fps' || mode === 'long-keyframes') {
    const video = await describeVideo(longVideo(longSeconds));
    let row: Row | undefined;
    const rss = await rssDuring(async () => {
      row = await measureRow(mode, mode === 'long-1fps' ? '1fps' : 'keyframes', [video], 1);
    });
    if (mode === 'long-1fps') longRss = rss;
    if (row) rows.push(row);
    continue;
  }
  for (const [cls, subset] of [
    ['sd', videos.filter((v) => v.sd)],
    ['hd', videos.filter((v) => !v.sd)],
  ] as const) {
    if (subset.length > 0) rows.push(await measureRow(`${mode}-${cls}`, mode, subset, args.reps));
  }
}
if (args.json) for (const r of rows) printJsonLine({ ...r });
else {
  console.log(
    formatTable(
      [
        { header: 'mode', value: (r) => r.mode },
        { header: 'video s', value: (r) => r.video_seconds },
        { header: 'wall s', value: (r) => r.wall_s },
        { header: '× real time', value: (r) => r.x_realtime },
        { header: 'CPU s', value: (r) => r.cpu_s },
        { header: '× real time (CPU)', value: (r) => r.x_realtime_cpu },
        { header: 'peak RSS MB', value: (r) => r.peak_rss_mb },
      ],
      rows,
    ),
  );
  const pinned = process.env.VIGIL_BENCH_PINNED;
  console.log(`\n${pinned ? `One core (CPU ${pinned}), ffmpeg with one thread.` : 'Not pinned to one core.'}`);
  if (longRss) console.log(`RSS during long-1fps: ${longRss[0]} MB in its first fifth, ${longRss[1]} MB in its last.`);
}
