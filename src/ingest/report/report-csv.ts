/**
 * report.csv: one row per file (RFC 4180 quoting). File names come from seized media and are
 * hostile input: a cell that a spreadsheet would run as a formula (= + - @, tab, CR) is prefixed
 * with an apostrophe so it is shown, never evaluated.
 */
import type { ScanReport } from './scan-report.js';

export const CSV_COLUMNS = ['status', 'path', 'size', 'sha256', 'md5', 'sha1', 'pdq', 'quality', 'media_id', 'reasons'];

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
      [f.status, f.path, f.size, f.sha256, f.md5, f.sha1, f.pdq, f.quality, f.mediaId, f.reasons.join('; ')]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
