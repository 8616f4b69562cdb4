/**
 * One vPDQ feature per hashed frame, and the reference's text form (ALGORITHMS.md §2.2): one line
 * per frame, `frameNumber,quality,hash64hex,timestamp`, timestamp fixed with 3 decimals as C's
 * `%.3f` prints it. A vpdq signal value is these lines joined by '\n', in frame order.
 */
import { AppError } from '../../domain/app-error.js';

export interface VpdqFeature {
  /** 0-based, decoder output order. */
  frameNumber: number;
  /** PDQ quality 0–100. */
  quality: number;
  /** 64 lower-case hex digits. */
  hash: string;
  /** frameNumber / frame rate, seconds (not the packet time). */
  timestamp: number;
}

const LINE_RE = /^(\d{1,10}),(\d{1,3}),([0-9a-f]{64}),(\d{1,10}\.\d{3})$/;

/**
 * `x` with 3 decimals the way glibc's printf("%.3f") prints it: the exact binary value rounded,
 * exact ties to the even digit. JavaScript's toFixed also rounds the exact value but sends ties up;
 * the only doubles that tie at 3 decimals are odd multiples of 1/16 (…0625, …1875, …).
 */
export function formatTimestamp(x: number): string {
  const sixteenths = x * 16;
  if (!Number.isInteger(sixteenths) || sixteenths % 2 === 0) return x.toFixed(3);
  const below = Math.floor(x * 1000);
  return ((below % 2 === 0 ? below : below + 1) / 1000).toFixed(3);
}

export function formatVpdqLine(f: VpdqFeature): string {
  return `${f.frameNumber},${f.quality},${f.hash},${formatTimestamp(f.timestamp)}`;
}

export function formatVpdqFeatures(features: readonly VpdqFeature[]): string {
  return features.map(formatVpdqLine).join('\n');
}

function invalid(why: string): AppError {
  return new AppError('invalid-signal', `Not a vPDQ frame list: ${why}.`);
}

interface ParsedLine {
  feature: VpdqFeature;
  /** The timestamp as written (3 decimals), kept so that normalising never reformats it. */
  seconds: string;
}

function parseLines(text: string): ParsedLine[] {
  const lines = text.trim().toLowerCase().split(/\r?\n/);
  if (lines.length === 1 && lines[0] === '') throw invalid('it holds no frame line');
  const out: ParsedLine[] = [];
  let previous = -1;
  for (let i = 0; i < lines.length; i++) {
    const m = LINE_RE.exec(lines[i].trim());
    if (!m) throw invalid(`line ${i + 1} is not "frameNumber,quality,hash64hex,seconds.mmm"`);
    const frameNumber = Number(m[1]);
    const quality = Number(m[2]);
    if (quality > 100) throw invalid(`line ${i + 1} has quality ${quality}, above 100`);
    if (frameNumber <= previous) throw invalid(`line ${i + 1} has frame ${frameNumber}, not after ${previous}`);
    previous = frameNumber;
    out.push({ feature: { frameNumber, quality, hash: m[3], timestamp: Number(m[4]) }, seconds: m[4] });
  }
  return out;
}

/**
 * Parses the reference text (one feature per line; surrounding space, upper-case hex and CRLF
 * tolerated). Frame numbers must rise and qualities stay within 0–100.
 */
export function parseVpdqFeatures(text: string): VpdqFeature[] {
  return parseLines(text).map((l) => l.feature);
}

/** The canonical text of a vpdq value, or an `invalid-signal` AppError naming the bad line. */
export function normaliseVpdqValue(text: string): string {
  return parseLines(text)
    .map(({ feature: f, seconds }) => `${f.frameNumber},${f.quality},${f.hash},${seconds}`)
    .join('\n');
}
