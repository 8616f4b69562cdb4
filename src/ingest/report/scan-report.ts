/**
 * The scan report as data (report.json, schema `vigil.scan-report/1`), built from what the scan
 * stored; the CSV and HTML forms are written from it. Files are listed in review order: new
 * first, then near-duplicates, known, errors, ignorable; by path within a status.
 *
 * {
 *   schema: "vigil.scan-report/1", generatedAt: ISO-8601,
 *   case: { reference }, exhibit: { id, label },
 *   counts: { new, near-duplicate, known, error, ignorable, total },
 *   files: [{ path, status, reasons[], size, sha256, md5, sha1, mime, pdq, quality, mediaId,
 *             thumbnail: { sha256, mime } | null, stills: [{ sha256, mime, timestamp }] }]
 * }
 */
import type { ScanFileDetail } from '../../storage/scan-file.repository.js';
import { type FileStatus, STATUS_ORDER } from '../triage.js';

export const REPORT_SCHEMA = 'vigil.scan-report/1';

export interface ReportFile {
  path: string;
  status: FileStatus;
  reasons: string[];
  size: number | null;
  sha256: string | null;
  md5: string | null;
  sha1: string | null;
  mime: string | null;
  pdq: string | null;
  quality: number | null;
  mediaId: number | null;
  /** The thumbnail's blob in the thumbnails store, when one was made (the report never holds bytes). */
  thumbnail: { sha256: string; mime: string } | null;
  /** A video's stills (seconds into it), blobs in the thumbnails store; empty for anything else. */
  stills: { sha256: string; mime: string; timestamp: number }[];
}

export interface ScanReport {
  schema: typeof REPORT_SCHEMA;
  generatedAt: string;
  case: { reference: string };
  exhibit: { id: number; label: string };
  counts: Record<FileStatus | 'total', number>;
  files: ReportFile[];
}

export function buildReport(
  caseRef: string,
  exhibit: { id: number; label: string },
  rows: readonly ScanFileDetail[],
  now = new Date(),
): ScanReport {
  const byPath = new Map<string, ReportFile>();
  for (const r of rows) {
    if (byPath.has(r.path)) continue;
    byPath.set(r.path, {
      path: r.path,
      status: r.status as FileStatus,
      reasons: r.reasons,
      size: r.size,
      sha256: r.sha256,
      md5: r.md5,
      sha1: r.sha1,
      mime: r.mime,
      pdq: r.pdq,
      quality: r.quality,
      mediaId: r.mediaId,
      thumbnail: r.thumbnail,
      stills: r.stills,
    });
  }
  const rank = (s: FileStatus) => STATUS_ORDER.indexOf(s);
  const files = [...byPath.values()].sort(
    (a, b) => rank(a.status) - rank(b.status) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
  const counts = { new: 0, 'near-duplicate': 0, known: 0, error: 0, ignorable: 0, total: files.length };
  for (const f of files) counts[f.status]++;
  return {
    schema: REPORT_SCHEMA,
    generatedAt: now.toISOString(),
    case: { reference: caseRef },
    exhibit,
    counts,
    files,
  };
}

/**
 * Why files are errors, most common cause first: each error row's first reason with its detail
 * after the step's "failed:" cut to what is shared (libvips and ffmpeg word each file's damage
 * differently; a missing tool is said the same way every time). At most `limit` causes.
 */
export function errorCauses(files: readonly ReportFile[], limit = 3): { cause: string; files: number }[] {
  const counts = new Map<string, number>();
  for (const f of files) {
    if (f.status !== 'error') continue;
    const first = f.reasons[0] ?? 'no reason recorded';
    const cause = /needs ffmpeg|ExifTool could not start/.test(first)
      ? first
      : first.replace(/^(\w+ failed): .*/, '$1');
    counts.set(cause, (counts.get(cause) ?? 0) + 1);
  }
  return [...counts]
    .map(([cause, n]) => ({ cause, files: n }))
    .sort((a, b) => b.files - a.files || (a.cause < b.cause ? -1 : 1))
    .slice(0, limit);
}
