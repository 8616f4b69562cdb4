/**
 * The hash bench's report: per-mode rows, the ratios its goals are stated in, and fast-mode
 * drift, as an aligned table (default) or JSON Lines (`--json`).
 */
import { basename } from 'node:path';
import { PDQ_MIN_QUALITY } from '../../src/signals/pdq/pdq.signal.js';
import { median, percentile, round } from './stats.js';
import { type Column, formatTable, printJsonLine } from './table.js';

/** The reference PDQ tool's time per image, measured on this machine. */
export const REFERENCE_MS_PER_IMAGE = 150;

export interface Row {
  mode: string;
  files: number;
  bytes: number;
  /** Medians over the reps, for all the files together. */
  wallMs: number;
  cpuMs: number;
  peakRssMb: number | null;
  reps: number;
  failed: number;
}

export interface DriftEntry {
  path: string;
  /** Hamming distance between the exact and the fast hash. */
  bits: number;
  /** Quality of the exact hash; below PDQ_MIN_QUALITY the hash is not used for matching. */
  quality: number;
}

export interface HashReport {
  json: boolean;
  source: string;
  files: number;
  bytes: number;
  medianMegapixels: number;
  rows: Row[];
  drift: DriftEntry[] | null;
  notes: string[];
}

const imgPerS = (r: Row) => r.files / (r.wallMs / 1000);
const mbPerS = (r: Row) => r.bytes / 1e6 / (r.wallMs / 1000);
const cpuPerImg = (r: Row) => r.cpuMs / r.files;
const wallPerImg = (r: Row) => r.wallMs / r.files;

interface Ratio {
  /** Field added to the JSON row of `mode`. */
  mode: string;
  field: string;
  label: string;
  value: number;
  goal?: { op: '<=' | '>='; target: number };
}

function ratiosOf(rows: readonly Row[]): Ratio[] {
  const by = new Map(rows.map((r) => [r.mode, r]));
  const decode = by.get('decode');
  const pdq = by.get('pdq');
  const fast = by.get('pdq-fast');
  const digests = by.get('digests');
  const separate = by.get('digests-separate');
  const djpeg = by.get('djpeg');
  const reference = 1000 / REFERENCE_MS_PER_IMAGE;
  const out: Ratio[] = [];
  const add = (mode: string, field: string, label: string, value: number, goal?: Ratio['goal']) =>
    out.push({ mode, field, label, value, goal });
  if (pdq && decode) {
    add('pdq', 'cpu_vs_decode', 'pdq CPU / decode CPU', cpuPerImg(pdq) / cpuPerImg(decode), { op: '<=', target: 1.2 });
  }
  if (pdq) {
    add('pdq', 'x_reference', `pdq speed vs reference (${REFERENCE_MS_PER_IMAGE} ms/img)`, imgPerS(pdq) / reference, {
      op: '>=',
      target: 3,
    });
  }
  if (fast) add('pdq-fast', 'x_reference', 'pdq-fast speed vs reference', imgPerS(fast) / reference);
  if (pdq && fast) {
    add('pdq-fast', 'speedup_vs_pdq', 'pdq-fast speed-up over pdq (wall)', imgPerS(fast) / imgPerS(pdq), {
      op: '>=',
      target: 2,
    });
    add('pdq-fast', 'cpu_speedup_vs_pdq', 'pdq-fast speed-up over pdq (CPU)', cpuPerImg(pdq) / cpuPerImg(fast));
  }
  if (digests && separate) {
    add(
      'digests',
      'vs_separate',
      'digests one read / sum of three (wall)',
      wallPerImg(digests) / wallPerImg(separate),
      {
        op: '<=',
        target: 1.1,
      },
    );
    add(
      'digests',
      'cpu_vs_separate',
      'digests one read / sum of three (CPU)',
      cpuPerImg(digests) / cpuPerImg(separate),
    );
  }
  // Against djpeg only when it covered the same files (an all-JPEG set).
  if (djpeg && decode && djpeg.files === decode.files) {
    add('decode', 'cpu_vs_djpeg', 'decode CPU / djpeg CPU', cpuPerImg(decode) / cpuPerImg(djpeg));
  }
  if (djpeg && pdq && djpeg.files === pdq.files) {
    add('pdq', 'cpu_vs_djpeg', 'pdq CPU / djpeg CPU', cpuPerImg(pdq) / cpuPerImg(djpeg));
  }
  return out;
}

function verdict(r: Ratio): string {
  if (!r.goal) return '';
  const ok = r.goal.op === '<=' ? r.value <= r.goal.target : r.value >= r.goal.target;
  return `goal ${r.goal.op === '<=' ? '≤' : '≥'} ${r.goal.target}: ${ok ? 'met' : 'MISSED'}`;
}

/** Drift over the usable hashes (exact quality ≥ 50); low-quality ones are counted apart. */
function driftSummary(drift: readonly DriftEntry[]) {
  const usable = drift.filter((d) => d.quality >= PDQ_MIN_QUALITY);
  const bits = usable.map((d) => d.bits);
  const none = bits.length === 0;
  const low = drift.filter((d) => d.quality < PDQ_MIN_QUALITY);
  return {
    files: bits.length,
    median_bits: none ? null : median(bits),
    p95_bits: none ? null : percentile(bits, 95),
    max_bits: none ? null : Math.max(...bits),
    identical_share: none ? null : round(bits.filter((b) => b === 0).length / bits.length, 3),
    over_4_bits: bits.filter((b) => b > 4).length,
    low_quality_excluded: low.length,
    low_quality_max_bits: low.length === 0 ? null : Math.max(...low.map((d) => d.bits)),
  };
}

const COLUMNS: Column<Row>[] = [
  { header: 'mode', value: (r) => r.mode },
  { header: 'files', value: (r) => r.files },
  { header: 'img/s', value: (r) => round(imgPerS(r)) },
  { header: 'MB/s', value: (r) => round(mbPerS(r)) },
  { header: 'CPU ms/img', value: (r) => round(cpuPerImg(r)) },
  { header: 'wall ms/img', value: (r) => round(wallPerImg(r)) },
  { header: 'peak RSS MB', value: (r) => (r.peakRssMb === null ? null : round(r.peakRssMb, 0)) },
  { header: 'failed', value: (r) => r.failed },
];

export function printHashReport(report: HashReport): void {
  const ratios = ratiosOf(report.rows);
  if (report.json) {
    for (const r of report.rows) {
      const extra = Object.fromEntries(
        ratios.filter((x) => x.mode === r.mode).map((x) => [x.field, Number(x.value.toFixed(3))]),
      );
      printJsonLine({
        bench: 'hash',
        mode: r.mode,
        files: r.files,
        img_per_s: round(imgPerS(r)),
        mb_per_s: round(mbPerS(r)),
        cpu_ms_per_img: round(cpuPerImg(r)),
        peak_rss_mb: r.peakRssMb === null ? null : round(r.peakRssMb, 0),
        reps: r.reps,
        failed: r.failed,
        wall_ms_per_img: round(wallPerImg(r)),
        ...extra,
      });
    }
    if (report.drift) printJsonLine({ bench: 'hash', mode: 'fast-drift', ...driftSummary(report.drift) });
    for (const n of report.notes) process.stderr.write(`${n}\n`);
    return;
  }
  const reps = report.rows[0]?.reps ?? 0;
  const lines = [
    `hash bench — ${report.source}`,
    `${report.files} images, ${round(report.bytes / 1e6, 1)} MB, median ${round(report.medianMegapixels, 1)} MP; ` +
      `one core, median of ${reps} reps (MB = 10^6 bytes of file; RSS in MiB, high-water mark)`,
    '',
    formatTable(COLUMNS, report.rows),
  ];
  if (ratios.length > 0) {
    const width = Math.max(...ratios.map((r) => r.label.length));
    lines.push('', 'ratios:');
    for (const r of ratios) lines.push(`  ${r.label.padEnd(width)}  ${r.value.toFixed(3)}×  ${verdict(r)}`.trimEnd());
  }
  if (report.drift && report.drift.length > 0) {
    const d = driftSummary(report.drift);
    const worst = report.drift
      .filter((x) => x.quality >= PDQ_MIN_QUALITY)
      .sort((a, b) => b.bits - a.bits)
      .slice(0, 3);
    const verdictText = d.max_bits === null ? 'n/a' : d.max_bits <= 4 ? 'met' : 'MISSED';
    lines.push(
      '',
      `fast-mode drift (exact vs fast PDQ, ${d.files} images with exact quality ≥ ${PDQ_MIN_QUALITY}): ` +
        `median ${d.median_bits ?? '-'} bits, p95 ${d.p95_bits ?? '-'}, max ${d.max_bits ?? '-'}; ` +
        `identical ${d.identical_share === null ? '-' : `${(d.identical_share * 100).toFixed(0)}%`}; ` +
        `over 4 bits: ${d.over_4_bits} (goal ≤ 4 bits: ${verdictText})`,
    );
    if (worst.length > 0) lines.push(`  largest: ${worst.map((w) => `${basename(w.path)} ${w.bits}`).join(', ')}`);
    if (d.low_quality_excluded > 0) {
      lines.push(
        `  ${d.low_quality_excluded} low-quality image(s) left out (hash not usable for matching); ` +
          `their max drift: ${d.low_quality_max_bits} bits`,
      );
    }
  }
  for (const n of report.notes) lines.push(`note: ${n}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
