/**
 * `vigil export` as a use case: the entries of one of the agency's visible hash sets, or the
 * media of one of its cases or series, written in a registered format. A set's entries carry their
 * category, a case's or series' media the agency's own category of each. Categories are written in
 * the scheme asked for (default: as stored), mapped through the category mappings; a value
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
import { MediaCategoryRepository } from '../storage/media-category.repository.js';
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
  /**
   * Told before the first row: how many rows a hash set has, or null for a case or series (their
   * media are counted as they are written, without a total).
   */
  onTotal?(rows: number | null): void;
  /** Told for each row (entry) written. */
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

/**
 * Category values written in the export's scheme (`target`; null: each value as stored). A value
 * that does not map is written empty and counted by value with the reason, except for Baseline,
 * which leaves its row out instead.
 */
class ExportCategories {
  readonly unmapped = new Map<string, Unmapped>();

  constructor(
    private readonly mapper: CategoryMapper,
    private readonly target: string | null,
    readonly onlyMapped: boolean,
  ) {}

  /** The code of value `valueId` in the target scheme, or null (none, or it does not map). */
  code(valueId: number | null): string | null {
    if (valueId === null) return null;
    const value = this.mapper.valueById(valueId);
    if (!this.target) return value?.code ?? null;
    const r = this.mapper.map(valueId, this.target);
    if (r.ok) return r.value.code;
    if (!this.onlyMapped) {
      const from = `${value ? this.mapper.schemeById(value.schemeId)?.code : '?'} ${value?.code ?? valueId}`;
      const u = this.unmapped.get(from) ?? { from, reason: r.reason, count: 0 };
      u.count++;
      this.unmapped.set(from, u);
    }
    return null;
  }

  /** The id of value `code` of scheme `scheme`, or null when the mapper does not know it. */
  valueId(scheme: string, code: string): number | null {
    const found = this.mapper.find(scheme, code);
    return found.ok ? found.value.id : null;
  }
}

/** `not-found` unless the agency may see a set of that name (its own first). */
async function visibleSet(request: ExportRequest, name: string): Promise<{ id: number }> {
  const visible = await new HashSetRepository(request.db).listVisible(request.agencyId);
  const set =
    visible.find((s) => s.name === name && s.agencyId === request.agencyId) ?? visible.find((s) => s.name === name);
  if (!set) throw new AppError('not-found', `There is no hash set "${name}" this agency may see.`);
  return set;
}

async function* setRows(
  request: ExportRequest,
  set: { id: number },
  categories: ExportCategories,
  summary: ExportSummary,
): AsyncGenerator<HashListRow> {
  const entries = new HashSetEntryRepository(request.db, request.dialect);
  request.onTotal?.(await entries.count(set.id, request.agencyId));
  for (let after = 0; ; ) {
    const page = await entries.listEntries(set.id, request.agencyId, after, PAGE);
    if (page.length === 0) break;
    after = page[page.length - 1]?.id ?? after;
    for (const e of page) {
      const category = categories.code(e.categoryValueId);
      if (categories.onlyMapped && category === null) {
        summary.skipped++;
        continue;
      }
      const { md5, sha1, sha256, pdq, pdqQuality } = e;
      yield { md5, sha1, sha256, pdq, pdqQuality, category, series: request.hashOnly ? null : e.seriesLabel };
    }
  }
}

type MediaSource = { case: string } | { series: string };

/** `not-found` unless the case or series is the agency's own. */
async function requireMediaSource(request: ExportRequest, source: MediaSource): Promise<void> {
  const repo = new MediaExportRepository(request.db);
  const exists =
    'case' in source
      ? await repo.caseExists(request.agencyId, source.case)
      : await repo.seriesExists(request.agencyId, source.series);
  if (exists) return;
  const [kind, reference] = 'case' in source ? ['case', source.case] : ['series', source.series];
  throw new AppError('not-found', `There is no ${kind} "${reference}" of this agency.`);
}

/**
 * The case's or series' media, each with the agency's own category of it (media-category.service.ts)
 * and, for a series, its reference as the series label.
 */
async function* mediaRows(
  request: ExportRequest,
  source: MediaSource,
  categories: ExportCategories,
  summary: ExportSummary,
  /** SHA-256 of media written already (a VICS case's kept entries): left out, not counted. */
  written: ReadonlySet<string> = new Set(),
): AsyncGenerator<HashListRow> {
  const repo = new MediaExportRepository(request.db);
  const categorised = new MediaCategoryRepository(request.db);
  const isCase = 'case' in source;
  const reference = isCase ? source.case : source.series;
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
    const stored = await categorised.of(
      request.agencyId,
      page.map((m) => m.id),
    );
    for (const m of page) {
      if (written.has(m.sha256)) continue;
      const own = stored.get(m.id);
      const category = own ? categories.code(categories.valueId(own.scheme, own.code)) : null;
      if (categories.onlyMapped && category === null) {
        summary.skipped++;
        continue;
      }
      const { md5, sha1, sha256, pdq, pdqQuality } = m;
      // A series' media are labelled with its reference (not in a hash-only list).
      const series = isCase || request.hashOnly ? null : reference;
      const row: HashListRow = { ...emptyRow(), md5, sha1, sha256, pdq, pdqQuality, category, series };
      const ranges = segments.get(m.id);
      yield ranges ? { ...row, segments: ranges.map((r) => ({ start: r.start, end: r.end })) } : row;
    }
  }
}

/** Two counts of unmapped values as one, by value. */
function merged(first: readonly Unmapped[], second: ReadonlyMap<string, Unmapped>): Unmapped[] {
  const all = new Map(first.map((u) => [u.from, { ...u }]));
  for (const u of second.values()) {
    const had = all.get(u.from);
    if (had) had.count += u.count;
    else all.set(u.from, { ...u });
  }
  return [...all.values()];
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
  if (!('hashSet' in source)) {
    await requireMediaSource(request, source);
    request.onTotal?.(null);
  }
  const categories = new ExportCategories(mapper, target, format.name === 'baseline');
  // The set is found before anything is written: a wrong name writes no header to the output.
  const rows =
    'hashSet' in source
      ? setRows(scoped, await visibleSet(request, source.hashSet), categories, summary)
      : mediaRows(scoped, source, categories, summary);
  async function* counted() {
    for await (const row of rows) {
      request.onRow?.();
      yield row;
    }
  }
  // A case that came in as a VICS case export goes back out as one (vics-case-export.service.ts),
  // which tells onRow of each entry it writes.
  if (format.name === 'vics' && 'case' in source) {
    // Its other media are written in the scheme of the file it came in (or the one asked for).
    let others = categories;
    const written = await exportVicsCase(scoped, source.case, mapper, summary, (scheme, covered) => {
      others = new ExportCategories(mapper, scheme, false);
      return mediaRows(scoped, source, others, summary, covered);
    });
    if (written !== null) {
      summary.rows = written;
      summary.unmapped = merged(summary.unmapped, others.unmapped);
      return summary;
    }
  }
  summary.rows = await format.write(counted(), request.out, { hashOnly });
  summary.unmapped = [...categories.unmapped.values()];
  return summary;
}
