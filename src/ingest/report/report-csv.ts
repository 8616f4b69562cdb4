/**
 * report.csv: one row per file (RFC 4180 quoting), with its best match (scan-report.ts orders
 * them) in columns: kind, target, PDQ distance or vPDQ overlap (%), series, category, whether the
 * victim is identified (yes/no, empty when unknown) and the owning agency. File names come from seized media and are
 * hostile input: a cell that a spreadsheet would run as a formula (= + - @, tab, CR) is prefixed
 * with an apostrophe so it is shown, never evaluated.
 */
import type { ReportMatch, ScanReport } from './scan-report.js';

export const CSV_COLUMNS = [
  'status',
  'path',
  'size',
  'sha256',
  'md5',
  'sha1',
  'pdq',
  'quality',
  'media_id',
  'match_kind',
  'match_target',
  'match_distance',
  'match_overlap_percent',
  'match_series',
  'match_category',
  'match_victim_identified',
  'match_agency',
  'reasons',
];

/** A match's target in words: `media #N`, `hash set "X"`, or a set shared as hashes only. */
export function matchTarget(m: ReportMatch): string {
  if (m.mediaId !== null) return `media #${m.mediaId}`;
  return m.hashSet === null ? 'hash set (shared as hashes only)' : `hash set "${m.hashSet}"`;
}

function matchCells(m: ReportMatch | undefined): (string | number | null | undefined)[] {
  if (!m) return [null, null, null, null, null, null, null, null];
  const identified = m.victimIdentified === null ? null : m.victimIdentified ? 'yes' : 'no';
  return [m.kind, matchTarget(m), m.distance, m.queryPercent, m.series, m.category, identified, m.agency];
}

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function reportCsv(report: ScanReport): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const f of report.files) {
    lines.push(
      [
        ...[f.status, f.path, f.size, f.sha256, f.md5, f.sha1, f.pdq, f.quality, f.mediaId],
        ...matchCells(f.matches[0]),
        f.reasons.join('; '),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
