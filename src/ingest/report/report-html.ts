/**
 * report.html: one self-contained page (no scripts or files from elsewhere; opens offline) with
 * the counts and every file in review order, new and near-duplicate first. Everything from the
 * seizure is escaped. Wording stays neutral; no media content is shown in this version of the
 * report (thumbnails, blurred by default, come with the thumbnail step).
 */
import type { FileStatus } from '../triage.js';
import type { ScanReport } from './scan-report.js';

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
.s-new{color:#9b1c1c;font-weight:600}.s-near-duplicate{color:#8a4b00;font-weight:600}`;

export function reportHtml(report: ScanReport): string {
  const counts = (Object.keys(LABEL) as FileStatus[])
    .map(
      (s) => `<div class="count"><div class="s-${s}">${esc(LABEL[s])}</div><strong>${report.counts[s]}</strong></div>`,
    )
    .join('');
  const rows = report.files
    .map(
      (f) =>
        `<tr><td class="s-${f.status}">${esc(f.status)}</td><td><code>${esc(f.path)}</code></td>` +
        `<td>${esc(f.reasons.join('; '))}</td><td><code>${esc(f.sha256)}</code></td><td>${esc(f.size)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Scan report — ${esc(report.case.reference)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>${STYLE}</style></head><body>
<h1>Scan report — case ${esc(report.case.reference)}, exhibit ${esc(report.exhibit.label)}</h1>
<p>${report.counts.total} files, generated ${esc(report.generatedAt)}.</p>
<div class="counts">${counts}</div>
<table><thead><tr><th>Status</th><th>Path</th><th>Why</th><th>SHA-256</th><th>Bytes</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>
`;
}
