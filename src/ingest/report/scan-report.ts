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
 *             thumbnail: { sha256, mime } | null, stills: [{ sha256, mime, timestamp }],
 *             video: { container, codec, durationSeconds, frameRate } | null,
 *             matches: [{ kind, mediaId, hashSetEntryId, hashSet, knownGood?,
 *                         distance?, variant?, serial?,
 *                         queryPercent?, comparedPercent?, queryRanges?, comparedRanges?,
 *                         series, category, victimIdentified, victims, agency }] }]
 * }
 *
 * `video` and `matches` were added to version 1 without breaking it (new fields only; a reader
 * of the first form ignores them). A match's `kind` is sha256, sha1, md5, pdq, vpdq or
 * camera-serial; it names a known media item (`mediaId`) or a hash-set entry (`hashSetEntryId`
 * and its set's name `hashSet`, null for a set shared as hashes only). `distance` is PDQ's
 * Hamming distance; `queryPercent`/`comparedPercent` are the vPDQ shares (0–100) of this video
 * found in the known one and of the known one found here, with the matched stretches in seconds
 * in this video (`queryRanges`) and in the known one (`comparedRanges`: [{ start, end, frames }]).
 * `series`, `category`, `victims` ({ total, identified }), `victimIdentified` (every linked victim
 * identified; null when no victim is linked) and `agency` (owner of the series or hash set) are
 * what the database knows when the report is built, or null. Matches are listed best first.
 */
import { bestFirst, type FileMatch } from '../../domain/file-match.record.js';
import type { ScanFileDetail } from '../../storage/scan-file.repository.js';
import { type FileStatus, STATUS_ORDER } from '../triage.js';
import type { MatchContext } from './match-context.js';

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
  /** A video's container, codec, duration (seconds) and frame rate; null for anything else. */
  video: ScanFileDetail['video'];
  /** What the file matched, best first. */
  matches: ReportMatch[];
}

export interface ReportMatch extends FileMatch {
  series: string | null;
  category: string | null;
  /** Every victim linked to the series is identified; null when none is linked (or no series). */
  victimIdentified: boolean | null;
  victims: { total: number; identified: number } | null;
  agency: string | null;
}

function reportMatch(m: FileMatch, context: MatchContext): ReportMatch {
  const c = context(m);
  const victims = c?.victims ?? null;
  return {
    ...m,
    series: c?.series ?? null,
    category: c?.category ?? null,
    victimIdentified: victims && victims.total > 0 ? victims.identified === victims.total : null,
    victims,
    agency: c?.agency ?? null,
  };
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
  options: { now?: Date; context?: MatchContext } = {},
): ScanReport {
  const context = options.context ?? (() => undefined);
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
      video: r.video,
      matches: bestFirst(r.matches ?? []).map((m) => reportMatch(m, context)),
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
    generatedAt: (options.now ?? new Date()).toISOString(),
    case: { reference: caseRef },
    exhibit,
    counts,
    files,
  };
}

/**
 * Why files are errors, most common cause first, at most `limit` causes. A reason that ends with
 * its error code, "read failed: cannot read (EACCES) (unreadable-file)", is grouped by step and
 * code and said whole when every file of the group says it alike (else as "read failed
 * (unreadable-file)"); one without a code is cut to its step, since libvips and ffmpeg word each
 * file's damage differently. A missing tool is said the same way every time, and whole.
 */
export function errorCauses(files: readonly ReportFile[], limit = 3): { cause: string; files: number }[] {
  const groups = new Map<string, { cause: string; files: number }>();
  for (const f of files) {
    if (f.status !== 'error') continue;
    const first = f.reasons[0] ?? 'no reason recorded';
    const coded = /^(\w+ failed): .* \(([a-z][a-z-]*)\)$/.exec(first);
    const key = /needs ffmpeg/.test(first)
      ? first
      : coded
        ? `${coded[1]} (${coded[2]})`
        : first.replace(/^(\w+ failed): .*/, '$1');
    const group = groups.get(key);
    if (!group) groups.set(key, { cause: coded ? first : key, files: 1 });
    else {
      group.files++;
      if (group.cause !== first) group.cause = key;
    }
  }
  return [...groups.values()].sort((a, b) => b.files - a.files || (a.cause < b.cause ? -1 : 1)).slice(0, limit);
}

/**
 * A missing tool that leaves files sorted but less described: ExifTool not starting (no perl)
 * means no camera serials, capture times or places for any picture. Files of any status whose
 * reasons say so, with the reason.
 */
export function missingToolNotes(files: readonly ReportFile[]): { cause: string; files: number }[] {
  const counts = new Map<string, number>();
  for (const f of files) {
    const note = f.reasons.find((r) => r.includes('ExifTool could not start'));
    if (note) counts.set(note, (counts.get(note) ?? 0) + 1);
  }
  return [...counts].map(([cause, n]) => ({ cause, files: n }));
}
