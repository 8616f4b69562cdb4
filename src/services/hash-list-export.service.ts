/**
 * `vigil export` as a use case: the entries of one of the agency's visible hash sets, or the
 * media of one of its cases or series, written in a registered format. Categories are written in
 * the scheme asked for (default: the set's own), mapped through the category mappings; a value
 * that does not map is written empty and counted by value with the reason. `baseline` writes only
 * entries whose category maps to the Baseline flag, and hashes only. A hash-only export carries
 * hashes and categories and nothing else: never paths, names, notes, series labels or EXIF.
 */
import type { Writable } from 'node:stream';
import { AppError } from '../domain/app-error.js';
import { exportFormat } from '../formats/format-registry.js';
import { emptyRow, type HashListRow } from '../formats/hash-list-item.js';
import type { TimeRange } from '../matching/time-ranges.js';
import { CategoryRepository } from '../storage/category.repository.js';
import type { VigilDb } from '../storage/database.js';
import type { DialectName } from '../storage/dialect-name.js';
import { HashSetRepository } from '../storage/hash-set.repository.js';
import { HashSetEntryRepository } from '../storage/hash-set-entry.repository.js';
import { MediaExportRepository } from '../storage/media-export.repository.js';
import { CategoryMapper } from './category-mapping.js';
import { exportVicsCase } from './vics-case-export.service.js';

export type ExportSource = { hashSet: string } | { case: string } | { series: string };

export interface ExportRequest {
  db: VigilDb;
  dialect: DialectName;
  agencyId: number;
  format: string;
  source: ExportSource;
  /** The scheme categories are written in (default: the hash set's own). */
  scheme?: string | null;
  hashOnly: boolean;
  out: Writable;
  /** Told how many rows a hash set has before they are written (not for cases and series). */
  onTotal?(rows: number): void;
  onRow?(): void;
}

export interface Unmapped {
  /** `scheme value`, e.g. `projectvic_us 3`. */
  from: string;
  reason: string;
  count: number;
}

export interface ExportSummary {
  format: string;
  rows: number;
  hashOnly: boolean;
  /** Entries left out (Baseline: not Baseline material). */
  skipped: number;
  unmapped: Unmapped[];
}

const PAGE = 1_000;

async function* setRows(
  request: ExportRequest,
  name: string,
  mapper: CategoryMapper,
  target: string | null,
  summary: ExportSummary,
  onlyMapped: boolean,
): AsyncGenerator<HashListRow> {
  const visible = await new HashSetRepository(request.db).listVisible(request.agencyId);
  const set =
    visible.find((s) => s.name === name && s.agencyId === request.agencyId) ?? visible.find((s) => s.name === name);
  if (!set) throw new AppError('not-found', `There is no hash set "${name}" this agency may see.`);
  const entries = new HashSetEntryRepository(request.db, request.dialect);
  request.onTotal?.(await entries.count(set.id, request.agencyId));
  const unmapped = new Map<string, Unmapped>();
  for (let after = 0; ; ) {
    const page = await entries.listEntries(set.id, request.agencyId, after, PAGE);
    if (page.length === 0) break;
    after = page[page.length - 1]?.id ?? after;
    for (const e of page) {
      let category: string | null = null;
      if (e.categoryValueId !== null) {
        const r = target ? mapper.map(e.categoryValueId, target) : null;
        if (r === null) category = mapper.valueById(e.categoryValueId)?.code ?? null;
        else if (r.ok) category = r.value.code;
        else if (!onlyMapped) {
          const v = mapper.valueById(e.categoryValueId);
          const from = `${v ? mapper.schemeById(v.schemeId)?.code : '?'} ${v?.code ?? e.categoryValueId}`;
          const u = unmapped.get(from) ?? { from, reason: r.reason, count: 0 };
          u.count++;
          unmapped.set(from, u);
        }
      }
      if (onlyMapped && category === null) {
        summary.skipped++;
        continue;
      }
      const { md5, sha1, sha256, pdq, pdqQuality } = e;
      yield { md5, sha1, sha256, pdq, pdqQuality, category, series: request.hashOnly ? null : e.seriesLabel };
    }
  }
  summary.unmapped = [...unmapped.values()];
}

async function* mediaRows(request: ExportRequest, source: { case: string } | { series: string }) {
  const repo = new MediaExportRepository(request.db);
  const isCase = 'case' in source;
  const reference = isCase ? source.case : source.series;
  const exists = isCase
    ? await repo.caseExists(request.agencyId, reference)
    : await repo.seriesExists(request.agencyId, reference);
  if (!exists)
    throw new AppError('not-found', `There is no ${isCase ? 'case' : 'series'} "${reference}" of this agency.`);
  for (let after = 0; ; ) {
    const page = isCase
      ? await repo.caseMedia(request.agencyId, reference, after, PAGE)
      : await repo.seriesMedia(request.agencyId, reference, after, PAGE);
    if (page.length === 0) return;
    after = page[page.length - 1]?.id ?? after;
    // Matched stretches of videos travel as VICS Segments; a hash-only list carries none.
    const segments = request.hashOnly
      ? new Map<number, TimeRange[]>()
      : await repo.videoSegments(
          request.agencyId,
          page.map((m) => m.id),
        );
    for (const m of page) {
      const row = { ...emptyRow(), md5: m.md5, sha1: m.sha1, sha256: m.sha256, pdq: m.pdq, pdqQuality: m.pdqQuality };
      const ranges = segments.get(m.id);
      yield ranges ? { ...row, segments: ranges.map((r) => ({ start: r.start, end: r.end })) } : row;
    }
  }
}

export async function exportHashList(request: ExportRequest): Promise<ExportSummary> {
  const format = exportFormat(request.format);
  const mapper = await CategoryMapper.load(new CategoryRepository(request.db));
  const hashOnly = request.hashOnly || format.alwaysHashOnly;
  const target = format.name === 'baseline' ? 'baseline' : (request.scheme ?? null);
  if (target && !mapper.scheme(target)) {
    throw new AppError('bad-usage', `Unknown category scheme "${target}"; known: ${mapper.schemeCodes().join(', ')}.`);
  }
  const summary: ExportSummary = { format: format.name, rows: 0, hashOnly, skipped: 0, unmapped: [] };
  const scoped = { ...request, hashOnly };
  const source = request.source;
  const rows =
    'hashSet' in source
      ? setRows(scoped, source.hashSet, mapper, target, summary, format.name === 'baseline')
      : mediaRows(scoped, source);
  async function* counted() {
    for await (const row of rows) {
      request.onRow?.();
      yield row;
    }
  }
  // A case that came in as a VICS case export goes back out as one (vics-case-export.service.ts).
  if (format.name === 'vics' && 'case' in source) {
    const written = await exportVicsCase(scoped, source.case, mapper, summary, counted());
    if (written !== null) {
      summary.rows = written;
      return summary;
    }
  }
  summary.rows = await format.write(counted(), request.out, { hashOnly });
  return summary;
}
