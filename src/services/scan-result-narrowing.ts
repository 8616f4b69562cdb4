/**
 * The triage's narrowing filters of a scan-result request, read into what the repository filters
 * by (storage/scan-result-filter.ts): `category` none or a code (`scheme:code` names the scheme),
 * `cameraSerial` exact, `capturedFrom`/`capturedTo` calendar days (YYYY-MM-DD, both inclusive) on
 * the capture time as the file states it, `gps` with or without. A day that is not in the
 * calendar, or a range that ends before it starts, is a usage error that says so.
 */
import { AppError } from '../domain/app-error.js';
import type { ScanResultFilter } from '../storage/scan-result-filter.js';

export interface ScanResultNarrowing {
  /** 'none', a value code, or scheme:code. */
  category?: string | undefined;
  cameraSerial?: string | undefined;
  capturedFrom?: string | undefined;
  capturedTo?: string | undefined;
  gps?: 'with' | 'without' | undefined;
}

export function scanFilterOf(asked: ScanResultNarrowing): ScanResultFilter {
  const filter: ScanResultFilter = {};
  if (asked.category !== undefined) filter.category = categoryOf(asked.category);
  if (asked.cameraSerial !== undefined) filter.cameraSerial = asked.cameraSerial;
  if (asked.gps !== undefined) filter.gps = asked.gps;
  const from = asked.capturedFrom === undefined ? undefined : dayOf('capturedFrom', asked.capturedFrom);
  const to = asked.capturedTo === undefined ? undefined : dayOf('capturedTo', asked.capturedTo);
  if (from !== undefined && to !== undefined && from > to) {
    throw new AppError('bad-usage', `capturedFrom ${asked.capturedFrom} is after capturedTo ${asked.capturedTo}.`);
  }
  // Local times are ISO text (2024-05-01T12:34:56): the day itself sorts first, the next day bounds the range.
  if (from !== undefined) filter.takenFrom = iso(from);
  if (to !== undefined) filter.takenBefore = iso(to + DAY);
  return filter;
}

const DAY = 86_400_000;

function categoryOf(value: string): NonNullable<ScanResultFilter['category']> {
  if (value === 'none') return { none: true };
  const [scheme, code] = value.includes(':') ? value.split(':', 2) : [null, value];
  if (scheme === '' || !code) {
    throw new AppError('bad-usage', `category ${value} is not none, a code or scheme:code (projectvic_us:1).`);
  }
  return { scheme, code };
}

/** The day at midnight UTC in ms; one not in the calendar (2024-02-30) is refused. */
function dayOf(name: string, value: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms) || iso(ms) !== value) {
    throw new AppError('bad-usage', `${name} ${value} is not a calendar day; use YYYY-MM-DD, e.g. 2024-05-01.`);
  }
  return ms;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
