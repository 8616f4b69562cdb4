/**
 * Capture times as cameras write them: a wall-clock date and time ("2024:05:01 12:34:56"),
 * maybe fractional seconds, and maybe a UTC offset ("+02:00", "Z"). The offset is taken only
 * from the file; when the file does not say it, it stays `null` (never inferred from GPS, the
 * time stamp or the machine's zone), and then there is no instant, only the wall-clock time.
 */

export interface CaptureTime {
  /** Wall-clock time as written in the file, ISO 8601 without zone: `2024-05-01T12:34:56.250`. */
  local: string;
  /** Minutes east of UTC when the file states it (`+02:00` → 120); `null` when unknown. */
  offsetMinutes: number | null;
  /** The instant, ms since 1970 UTC; `null` unless the offset is known. */
  epochMs: number | null;
  /** Which tag it came from, e.g. `EXIF:DateTimeOriginal`. */
  source: string;
}

const DATE_TIME = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const OFFSET = /^(Z|([+-])(\d{2}):?(\d{2}))$/;
const TIME_OF_DAY = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** `+02:00` → 120, `-0330` → -210, `Z` → 0; `null` for anything else or beyond ±14 h. */
export function parseOffset(text: string | undefined): number | null {
  const m = OFFSET.exec((text ?? '').trim());
  if (!m) return null;
  if (m[1] === 'Z') return 0;
  const hours = Number(m[3]);
  const minutes = Number(m[4]);
  if (minutes >= 60) return null;
  const total = hours * 60 + minutes;
  if (total > 14 * 60) return null;
  return m[2] === '-' ? -total : total;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Fraction digits as written (cut or padded to 3: ms precision). */
  fraction: string;
}

function valid(p: Parts): boolean {
  return (
    p.year >= 1800 &&
    p.year <= 2200 &&
    p.month >= 1 &&
    p.month <= 12 &&
    p.day >= 1 &&
    p.day <= daysInMonth(p.year, p.month) &&
    p.hour <= 23 &&
    p.minute <= 59 &&
    p.second <= 59
  );
}

function build(p: Parts, offsetMinutes: number | null, source: string): CaptureTime {
  const fraction = p.fraction.slice(0, 3).padEnd(p.fraction ? 3 : 0, '0');
  const local = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${fraction ? `.${fraction}` : ''}`;
  const ms = fraction ? Number(fraction) : 0;
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, ms);
  return { local, offsetMinutes, epochMs: offsetMinutes === null ? null : wall - offsetMinutes * 60_000, source };
}

/**
 * Parses an EXIF/XMP date-time. `subSec` (EXIF SubSecTime*) and `offset` (EXIF OffsetTime*) are
 * the companion tags; an offset inside the value itself (XMP) wins over the companion. Returns
 * `null` for blanks, `0000:00:00 00:00:00` and impossible dates.
 */
export function parseCaptureTime(
  value: unknown,
  source: string,
  companions: { subSec?: unknown; offset?: unknown } = {},
): CaptureTime | null {
  if (typeof value !== 'string') return null;
  const m = DATE_TIME.exec(value.trim());
  if (!m) return null;
  const subSec = companions.subSec === undefined ? '' : String(companions.subSec).trim();
  const parts: Parts = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6] ?? 0),
    fraction: m[7] ?? (/^\d+$/.test(subSec) ? subSec : ''),
  };
  if (!valid(parts)) return null;
  const inline = m[8] === undefined ? null : parseOffset(m[8]);
  const companion = typeof companions.offset === 'string' ? parseOffset(companions.offset) : null;
  return build(parts, inline ?? companion, source);
}

/** IPTC keeps the date (`2024:05:01`) and the time with its offset (`12:34:56+02:00`) apart. */
export function parseIptcDateTime(date: unknown, time: unknown, source: string): CaptureTime | null {
  if (typeof date !== 'string' || typeof time !== 'string') return null;
  const d = /^(\d{4})[:-]?(\d{2})[:-]?(\d{2})$/.exec(date.trim());
  const t = TIME_OF_DAY.exec(time.trim());
  if (!d || !t) return null;
  const offset = t[5] === undefined ? '' : t[5];
  return parseCaptureTime(
    `${d[1]}:${d[2]}:${d[3]} ${t[1]}:${t[2]}:${t[3] ?? '00'}${t[4] ? `.${t[4]}` : ''}${offset}`,
    source,
  );
}
