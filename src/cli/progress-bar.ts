/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal (never in pipes or logs).
 */
export interface ProgressBar {
  /** One more item, of `bytes`; `detail` (e.g. counts by status) is shown after the count until replaced. */
  tick(bytes?: number, detail?: string): void;
  done(): void;
  /**
   * Takes the bar off its line, so that a line written next to the same terminal (a result, a
   * rejection, a notice) starts at the left and is not appended to it; the next tick draws it again.
   */
  clear(): void;
}

/** Where there is nothing to draw (--json, not a terminal). */
export const NO_PROGRESS_BAR: ProgressBar = { tick() {}, done() {}, clear() {} };

export interface ProgressOptions {
  total: number;
  label: string;
  /** What is counted, shown when the total is unknown (default "files"). */
  unit?: string;
  stream?: NodeJS.WriteStream;
  /** Minimum milliseconds between redraws. */
  interval?: number;
}

function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function createProgressBar(options: ProgressOptions): ProgressBar {
  const stream = options.stream ?? process.stderr;
  if (!stream.isTTY) return NO_PROGRESS_BAR;
  const start = performance.now();
  const interval = options.interval ?? 100;
  let count = 0;
  let bytes = 0;
  let lastDraw = 0;
  let shown = false;
  let detail = '';
  const draw = () => {
    const elapsed = (performance.now() - start) / 1000;
    const rate = count / Math.max(elapsed, 1e-3);
    const mbps = bytes / 1e6 / Math.max(elapsed, 1e-3);
    const frac = options.total > 0 ? count / options.total : 1;
    const width = 24;
    const filled = Math.round(frac * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const eta = formatEta((options.total - count) / rate);
    const speed = bytes > 0 ? `${rate.toFixed(1)}/s  ${mbps.toFixed(1)} MB/s` : `${rate.toFixed(1)}/s`;
    const more = detail ? ` (${detail})` : '';
    // A total of 0 means unknown (archives opened as they are met, VICS entries): count, no bar or ETA.
    const line =
      options.total > 0
        ? `${options.label} ${bar} ${count}/${options.total}${more}  ${speed}  ETA ${eta}`
        : `${options.label} ${count} ${options.unit ?? 'files'}${more}  ${speed}`;
    // A terminal that reports no width (0) is drawn at 120 columns rather than cut to nothing.
    stream.write(`\r${line.slice(0, (stream.columns || 120) - 1)}\x1b[K`);
    shown = true;
  };
  return {
    tick(n = 0, text?: string) {
      count++;
      bytes += n;
      if (text !== undefined) detail = text;
      const now = performance.now();
      if (now - lastDraw >= interval || count === options.total) {
        lastDraw = now;
        draw();
      }
    },
    done() {
      draw();
      stream.write('\n');
      shown = false;
    },
    clear() {
      if (!shown) return;
      stream.write('\r\x1b[K');
      shown = false;
      lastDraw = Number.NEGATIVE_INFINITY;
    },
  };
}
