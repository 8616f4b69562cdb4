/**
 * HTTP byte ranges (RFC 9110 §14) for a player that seeks in a video: one `bytes=` range of the
 * three forms — `a-b`, `a-` (to the end) and `-n` (the last n bytes). Anything else (several
 * ranges, other units, malformed text) is not a range this server honours, and the whole content
 * is sent, as the RFC allows. Pure: parsing, then resolving against the content's size.
 */

/** A range as asked: from `start` to `end` (inclusive; null: to the end), or the last `suffix` bytes. */
export type ByteRangeSpec = { start: number; end: number | null } | { suffix: number };

/** Bytes `start` to `end`, inclusive, within the content. */
export interface ResolvedRange {
  start: number;
  end: number;
}

/** The one range a `Range` header asks for, or null where the whole content is to be sent. */
export function parseRangeHeader(header: string | undefined): ByteRangeSpec | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec((header ?? '').trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  const [first, last] = [m[1], m[2]].map((d) => (d === '' ? null : Number(d)));
  if (first === null) return Number.isSafeInteger(last) ? { suffix: last as number } : null;
  if (!Number.isSafeInteger(first) || (last !== null && !Number.isSafeInteger(last))) return null;
  return { start: first, end: last };
}

/**
 * The bytes a range covers in content of `size` bytes (an end past the content is cut to it), or
 * null when none can be sent: a start at or past the end, an end before the start, or nothing.
 */
export function resolveByteRange(spec: ByteRangeSpec, size: number): ResolvedRange | null {
  if ('suffix' in spec) {
    if (spec.suffix === 0 || size === 0) return null;
    return { start: Math.max(0, size - spec.suffix), end: size - 1 };
  }
  if (spec.start >= size || (spec.end !== null && spec.end < spec.start)) return null;
  return { start: spec.start, end: Math.min(size - 1, spec.end ?? size - 1) };
}
