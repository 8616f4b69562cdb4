/**
 * `vigil import` as a use case: read a hash list in any registered format into one of the
 * agency's hash sets (created on first import, appended to after), row by row. Each row is
 * accepted or rejected with a reason; a bad row never stops the file. Categories are read in the
 * file's scheme (`--scheme`, default Project VIC US) and stored in the set's scheme, mapped
 * through the category mappings when the two differ; a category that does not map is a rejected
 * row that says why. Known-good lists (NSRL) fill a known-good set and keep no categories.
 */
import { basename } from 'node:path';
import { AppError } from '../domain/app-error.js';
import type { HashSet } from '../domain/hash-set.record.js';
import { importFormatFor } from '../formats/format-registry.js';
import type { HashListItem, HashListRow, RejectCode, RejectedItem } from '../formats/hash-list-item.js';
import { type ReadBatchOptions, readItemBatches } from '../formats/read-in-worker.js';
import { CategoryRepository } from '../storage/category.repository.js';
import type { VigilDb } from '../storage/database.js';
import type { DialectName } from '../storage/dialect-name.js';
import { HashSetRepository } from '../storage/hash-set.repository.js';
import {
  type BulkEntryResult,
  DEFAULT_ENTRY_BATCH,
  HashSetEntryRepository,
  type NewHashSetEntry,
} from '../storage/hash-set-entry.repository.js';
import { CategoryMapper } from './category-mapping.js';

export const DEFAULT_SCHEME = 'projectvic_us';

export interface ImportRequest {
  db: VigilDb;
  dialect: DialectName;
  agencyId: number;
  path: string;
  /** A registered format name, or `auto`. */
  format: string;
  hashSetName: string;
  /** The scheme the file's categories are written in (default Project VIC US). */
  scheme?: string | null;
  /** Fill a known-good set whatever the format (NSRL always does). */
  knownGood?: boolean;
  /** Where the list came from (default: the file's name). */
  source?: string;
  /** Entries per transaction (default: the repository's for the dialect). */
  batchSize?: number;
  /** Where the file is read: see ReadBatchOptions (default `auto`: a worker thread for large files). */
  readThread?: ReadBatchOptions['readThread'];
  /**
   * SQLite, for a caller with the database to itself (the CLI): past DEFER_INDEXES_AFTER entries
   * the rest of the file goes into one transaction with the lookup indexes dropped and built again
   * at its end (entry-deferred-indexes.ts), ~3× faster on large lists; other writers wait for it.
   */
  deferIndexes?: boolean;
  /** Told when the deferred indexes start being built (a few seconds a million entries). */
  onIndexing?(): void;
  /** Told of every row: accepted, or rejected with the reason. */
  onItem?(item: HashListItem): void;
}

export interface ImportSummary {
  format: string;
  hashSet: HashSet;
  created: boolean;
  accepted: number;
  rejected: number;
  /** Accepted rows stored now; the others were in the set already. */
  inserted: number;
  duplicates: number;
  rejectedBy: Partial<Record<RejectCode, number>>;
}

/**
 * Entries an import with `deferIndexes` adds batch by batch before it defers the lookup indexes,
 * and it waits until it has added as many as the table held: building the indexes again costs
 * ~5 µs an entry of the whole table (1M: 5 s), deferring saves 15–20 µs an entry added.
 */
export const DEFER_INDEXES_AFTER = 20_000;

type AddEntries = (entries: readonly NewHashSetEntry[]) => Promise<BulkEntryResult>;

interface Plan {
  mapper: CategoryMapper;
  fileScheme: string | null;
  setScheme: string | null;
  knownGood: boolean;
}

/** The row as an entry in the set's scheme, or why it cannot be one. */
function toEntry(row: HashListRow, line: number, plan: Plan): NewHashSetEntry | RejectedItem {
  let categoryValueId: number | null = null;
  if (row.category !== null && !plan.knownGood && plan.fileScheme) {
    const found = plan.mapper.find(plan.fileScheme, row.category);
    if (!found.ok) return { kind: 'rejected', line, code: found.code, reason: found.reason };
    const mapped = plan.setScheme ? plan.mapper.map(found.value.id, plan.setScheme) : found;
    if (!mapped.ok) return { kind: 'rejected', line, code: mapped.code, reason: mapped.reason };
    categoryValueId = mapped.value.id;
  }
  return {
    md5: row.md5,
    sha1: row.sha1,
    sha256: row.sha256,
    pdq: row.pdq,
    pdqQuality: row.pdq ? row.pdqQuality : null,
    categoryValueId,
    seriesLabel: plan.knownGood ? null : row.series,
  };
}

async function findOrCreateSet(
  request: ImportRequest,
  plan: Plan,
): Promise<{ set: HashSet; created: boolean; setScheme: string | null }> {
  const sets = new HashSetRepository(request.db);
  const existing = await sets.findOwnByName(request.agencyId, request.hashSetName);
  if (existing) {
    if (existing.knownGood !== plan.knownGood) {
      const what = existing.knownGood ? 'a known-good set' : 'not a known-good set';
      throw new AppError(
        'bad-usage',
        `Hash set "${request.hashSetName}" is ${what}; import this list under another name.`,
      );
    }
    const scheme = existing.schemeId === null ? null : (plan.mapper.schemeById(existing.schemeId)?.code ?? null);
    return { set: existing, created: false, setScheme: scheme };
  }
  const schemeId = plan.fileScheme ? (plan.mapper.scheme(plan.fileScheme)?.id ?? null) : null;
  const set = await sets.create({
    agencyId: request.agencyId,
    name: request.hashSetName,
    source: request.source ?? basename(request.path),
    schemeId: plan.knownGood ? null : schemeId,
    knownGood: plan.knownGood,
  });
  return { set, created: true, setScheme: plan.knownGood ? null : plan.fileScheme };
}

export async function importHashList(request: ImportRequest): Promise<ImportSummary> {
  const format = await importFormatFor(request.format, request.path);
  const mapper = await CategoryMapper.load(new CategoryRepository(request.db));
  const knownGood = format.knownGood || request.knownGood === true;
  const fileScheme = request.scheme ?? (knownGood ? null : DEFAULT_SCHEME);
  if (fileScheme && !mapper.scheme(fileScheme)) {
    throw new AppError(
      'bad-usage',
      `Unknown category scheme "${fileScheme}"; known: ${mapper.schemeCodes().join(', ')}.`,
    );
  }
  const plan: Plan = { mapper, fileScheme, setScheme: null, knownGood };
  const { set, created, setScheme } = await findOrCreateSet(request, plan);
  plan.setScheme = setScheme;

  const entries = new HashSetEntryRepository(request.db, request.dialect);
  const summary: ImportSummary = {
    format: format.name,
    hashSet: set,
    created,
    accepted: 0,
    rejected: 0,
    inserted: 0,
    duplicates: 0,
    rejectedBy: {},
  };
  const batchSize = request.batchSize ?? DEFAULT_ENTRY_BATCH[request.dialect];
  const reading = readItemBatches(format, request.path, { readThread: request.readThread });
  let batch: NewHashSetEntry[] = [];
  const store = async (add: AddEntries) => {
    if (batch.length === 0) return;
    const r = await add(batch);
    summary.inserted += r.inserted;
    summary.duplicates += r.duplicates;
    batch = [];
  };
  const take = (items: readonly HashListItem[]) => {
    for (const item of items) {
      const outcome = item.kind === 'row' ? toEntry(item.row, item.line, plan) : item;
      if ('kind' in outcome) {
        summary.rejected++;
        summary.rejectedBy[outcome.code] = (summary.rejectedBy[outcome.code] ?? 0) + 1;
        request.onItem?.(outcome);
        continue;
      }
      summary.accepted++;
      request.onItem?.(item);
      batch.push(outcome);
    }
  };
  /** Reads and stores until the file ends (true) or `enough` says so first (false). */
  const run = async (add: AddEntries, enough: () => boolean): Promise<boolean> => {
    while (!enough()) {
      const next = await reading.next();
      if (next.done) {
        await store(add);
        return true;
      }
      take(next.value);
      if (batch.length >= batchSize) await store(add);
    }
    return false;
  };
  const perBatch: AddEntries = (list) => entries.addMany(set.id, request.agencyId, list, { batchSize });
  const deferAfter =
    request.deferIndexes && request.dialect === 'sqlite'
      ? Math.max(DEFER_INDEXES_AFTER, await entries.highestId())
      : Number.POSITIVE_INFINITY;
  try {
    const ended = await run(perBatch, () => summary.accepted >= deferAfter);
    if (!ended) {
      const rest = async (add: AddEntries) => void (await run(add, () => false));
      await entries.addDeferred(set.id, request.agencyId, rest, request.onIndexing);
    }
  } finally {
    await reading.return(undefined);
  }
  return summary;
}
