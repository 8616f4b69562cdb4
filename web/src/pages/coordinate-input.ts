/**
 * A latitude or longitude as a person types it into the place form: blank is no position; a
 * decimal comma is read as a point (59,91 as 59.91); anything else that is not a number within
 * ±`limit` degrees is NaN, so the form says so instead of sending it. (Sent as is, NaN went out as
 * JSON null and the place was saved without its position, silently.) Pure: no I/O.
 */
export function coordinateOf(typed: string, limit: 90 | 180): number | null {
  const value = typed.trim().replace(',', '.');
  if (value === '') return null;
  if (!/^[-+]?\d+(\.\d+)?$/.test(value)) return Number.NaN;
  const n = Number(value);
  return Math.abs(n) <= limit ? n : Number.NaN;
}
