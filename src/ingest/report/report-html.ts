/**
 * report.html: one self-contained page (no scripts or files from elsewhere; opens offline) with
 * the counts and every file in review order, new and near-duplicate first. Everything from the
 * seizure is escaped. Thumbnails, when given, are embedded (data: URIs) BLURRED by default; each
 * is revealed only by a click on it (a checkbox toggle in CSS: the page still runs no script).
 * Wording stays neutral.
 */

import type { FileStatus } from '../triage.js';
import { clock } from '../triage.js';
import { matchTarget } from './report-csv.js';
import type { ReportMatch, ScanReport } from './scan-report.js';

const esc = (v: unknown) =>
  String(v ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const LABEL: Record<FileStatus, string> = {
  new: 'New — review first',
  'near-duplicate': 'Near-duplicate of known material',
  known: 'Known',
  error: 'Could not be processed',
  ignorable: 'Ignorable (known-good)',
};

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#1d2330;background:#f6f7f9}
h1{font-size:1.4rem}table{border-collapse:collapse;width:100%;background:#fff}
td,th{border-bottom:1px solid #e3e6ea;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eef0f3}code{font-size:12px;word-break:break-all}.counts{display:flex;gap:1rem;margin:1rem 0}
.count{background:#fff;border:1px solid #e3e6ea;border-radius:6px;padding:.5rem 1rem}
.s-new{color:#9b1c1c;font-weight:600}.s-near-duplicate{color:#8a4b00;font-weight:600}
.thumb{width:96px}.thumb img{max-width:96px;max-height:96px;filter:blur(12px) grayscale(.5);cursor:pointer}
.stills{display:flex;gap:2px;margin-top:4px}.stills img{max-width:30px;max-height:30px}
.reveal{position:absolute;opacity:0}.reveal:checked+label img{filter:none}
.reveal:focus-visible+label img{outline:2px solid #1d4ed8}
.matches{margin:0;padding-left:1rem}.victim-no{color:#9b1c1c;font-weight:600}`;

const KIND: Record<ReportMatch['kind'], string> = {
  sha256: 'SHA-256',
  sha1: 'SHA-1',
  md5: 'MD5',
  pdq: 'PDQ',
  vpdq: 'vPDQ',
  'camera-serial': 'Camera serial',
};

const ranges = (rs: readonly { start: number; end: number }[] | undefined) =>
  (rs ?? []).map((r) => `${clock(r.start)}–${clock(r.end)}`).join(', ');

/** One match in words: kind, target, how close, and what is known about the target. */
function matchItem(m: ReportMatch): string {
  const parts = [`<strong>${esc(KIND[m.kind])}</strong>`, esc(matchTarget(m))];
  if (m.knownGood) parts.push('known-good');
  if (m.distance !== undefined) parts.push(`distance ${esc(m.distance)}`);
  if (m.serial) parts.push(`serial ${esc(m.serial)}`);
  if (m.queryPercent !== undefined) {
    parts.push(`${esc(Math.floor(m.queryPercent))}% of this video (${esc(ranges(m.queryRanges))})`);
    parts.push(`${esc(Math.floor(m.comparedPercent ?? 0))}% of that one (its ${esc(ranges(m.comparedRanges))})`);
  }
  if (m.series) parts.push(`series ${esc(m.series)}`);
  if (m.category) parts.push(`category ${esc(m.category)}`);
  if (m.victimIdentified !== null) {
    parts.push(m.victimIdentified ? 'victim identified' : '<span class="victim-no">victim not identified</span>');
  }
  if (m.agency) parts.push(`held by ${esc(m.agency)}`);
  return `<li>${parts.join(' · ')}</li>`;
}

function matchList(matches: readonly ReportMatch[]): string {
  return matches.length > 0 ? `<ul class="matches">${matches.map(matchItem).join('')}</ul>` : '';
}

function videoFacts(v: ScanReport['files'][number]['video']): string {
  if (!v) return '';
  const duration = v.durationSeconds === null ? 'length unknown' : clock(v.durationSeconds);
  return `<br><small>video ${esc(v.codec)} in ${esc(v.container)}, ${esc(duration)}</small>`;
}

/** `thumbnails`: data: URIs by thumbnail SHA-256, for the files whose thumbnails are to be shown. */
export function reportHtml(report: ScanReport, thumbnails: ReadonlyMap<string, string> = new Map()): string {
  const counts = (Object.keys(LABEL) as FileStatus[])
    .map(
      (s) => `<div class="count"><div class="s-${s}">${esc(LABEL[s])}</div><strong>${report.counts[s]}</strong></div>`,
    )
    .join('');
  const blurred = (uri: string, id: string, alt: string) =>
    `<input type="checkbox" class="reveal" id="${id}">` +
    `<label for="${id}" title="Blurred: click to reveal"><img src="${esc(uri)}" alt="${esc(alt)} (blurred)"></label>`;
  const thumb = (f: ScanReport['files'][number], i: number) => {
    const uri = f.thumbnail ? thumbnails.get(f.thumbnail.sha256) : undefined;
    const stills = f.stills.flatMap((s, k) => {
      const still = thumbnails.get(s.sha256);
      return still ? [blurred(still, `t${i}s${k}`, `still at ${clock(s.timestamp)}`)] : [];
    });
    const poster = uri ? blurred(uri, `t${i}`, 'thumbnail') : '';
    const strip = stills.length > 0 ? `<div class="stills">${stills.join('')}</div>` : '';
    return `<td class="thumb">${poster}${strip}</td>`;
  };
  const rows = report.files
    .map(
      (f, i) =>
        `<tr>${thumb(f, i)}<td class="s-${f.status}">${esc(f.status)}</td>` +
        `<td><code>${esc(f.path)}</code>${videoFacts(f.video)}</td><td>${matchList(f.matches)}</td>` +
        `<td>${esc(f.reasons.join('; '))}</td><td><code>${esc(f.sha256)}</code></td><td>${esc(f.size)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Scan report — ${esc(report.case.reference)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<style>${STYLE}</style></head><body>
<h1>Scan report — case ${esc(report.case.reference)}, exhibit ${esc(report.exhibit.label)}</h1>
<p>${report.counts.total} files, generated ${esc(report.generatedAt)}.</p>
<div class="counts">${counts}</div>
<table><thead><tr><th></th><th>Status</th><th>Path</th><th>Matches</th><th>Why</th><th>SHA-256</th><th>Bytes</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>
`;
}
