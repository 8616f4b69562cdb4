/**
 * Reading VICS field values as real exports write them: booleans as `true`, `"true"`, `"True"`,
 * `"1"` or `1`; times as ISO 8601 (a time without a zone is taken as UTC) or .NET's
 * `/Date(ms)/` and `/Date(ms+0100)/`; hashes in either case of hex; empty strings as absent.
 * Each reader returns the value or a `Bad` saying why it is not one.
 */

export class Bad {
  constructor(readonly reason: string) {}
}

export type Parsed<T> = T | null | Bad;

const TRUE = new Set(['true', '1', 'yes', 'y']);
const FALSE = new Set(['false', '0', 'no', 'n']);

export function readBool(v: unknown): Parsed<boolean> {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === '') return null;
    if (TRUE.has(s)) return true;
    if (FALSE.has(s)) return false;
  }
  return new Bad(`not a boolean: ${describe(v)}`);
}

/** `/Date(1420070400000)/`, with an optional offset that does not change the instant. */
const DOTNET_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const ISO_LIKE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** The common case without regular expressions: `2024-01-02T03:04:05Z` or `…05.123Z`; else null. */
function utcIso(s: string): number | null {
  const len = s.length;
  if ((len !== 20 && len !== 24) || s.charCodeAt(len - 1) !== 0x5a || s[4] !== '-' || s[7] !== '-') return null;
  if (s[10] !== 'T' || s[13] !== ':' || s[16] !== ':' || (len === 24 && s[19] !== '.')) return null;
  const parts = [
    digits(s, 0, 4),
    digits(s, 5, 2),
    digits(s, 8, 2),
    digits(s, 11, 2),
    digits(s, 14, 2),
    digits(s, 17, 2),
  ];
  const ms = len === 24 ? digits(s, 20, 3) : 0;
  if (ms < 0 || parts.some((p) => p < 0)) return null;
  const [y, mo, d, h, mi, sec] = parts;
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || sec > 59) return null;
  return dayExists(y, mo, d) ? Date.UTC(y, mo - 1, d, h, mi, sec, ms) : null;
}

/** Date.UTC and Date.parse roll 30 February over into March; VICS readers should not. */
function dayExists(year: number, month: number, day: number): boolean {
  const last = month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : DAYS[month - 1];
  return day >= 1 && day <= last;
}
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function readDate(v: unknown): Parsed<Date> {
  if (v === null || v === undefined || v === '') return null;
  let ms = Number.NaN;
  if (typeof v === 'number') ms = v;
  else if (typeof v === 'string') {
    const s = v.trim();
    const fast = utcIso(s);
    if (fast !== null) return new Date(fast);
    const net = DOTNET_DATE.exec(s);
    if (net) ms = Number(net[1]);
    else if (ISO_LIKE.test(s) && dayExists(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2))) {
      const iso = s.length === 10 || HAS_ZONE.test(s) ? s : `${s}Z`;
      ms = Date.parse(iso.replace(' ', 'T'));
    }
  }
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return new Bad(`not a date: ${describe(v)}`);
  return new Date(ms);
}

/** Hex of exactly `length` digits, lower-cased. */
export function readHex(v: unknown, length: number): Parsed<string> {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') return new Bad(`not a hex string: ${describe(v)}`);
  const s = v.length === length ? v : v.trim();
  if (s === '') return null;
  if (s.length !== length) return new Bad(`expected ${length} hex digits, got ${s.length} characters`);
  for (let i = 0; i < length; i++) {
    const c = s.charCodeAt(i);
    const letter = c | 0x20; // A–F as a–f; digits are tested unfolded (0x10–0x19 fold onto them)
    if (!((c >= 0x30 && c <= 0x39) || (letter >= 0x61 && letter <= 0x66))) return new Bad('not hexadecimal');
  }
  return s.toLowerCase();
}

/** Text; numbers are taken as their decimal form. */
export function readText(v: unknown): Parsed<string> {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return new Bad(`not text: ${describe(v)}`);
}

/** A whole number ≥ 0, also when written as a string. */
export function readCount(v: unknown): Parsed<number> {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 0) return new Bad(`not a whole number ≥ 0: ${describe(v)}`);
  return n;
}

/** A category is the scheme's value as a string: `1` and `"1"` are both `"1"`. */
export function readCategory(v: unknown): Parsed<string> {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  if (typeof v === 'string') {
    const s = v.trim();
    return s === '' ? null : s;
  }
  return new Bad(`not a category: ${describe(v)}`);
}

/** A MediaID as written: number or string. */
export function readId(v: unknown): Parsed<number | string> {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  return new Bad(`not an id: ${describe(v)}`);
}

/** A short, safe description of a bad value for a rejection reason (no long content). */
function describe(v: unknown): string {
  if (typeof v === 'string') return v.length > 24 ? `a ${v.length}-character string` : JSON.stringify(v);
  if (Array.isArray(v)) return 'a list';
  if (v !== null && typeof v === 'object') return 'an object';
  return String(v);
}
