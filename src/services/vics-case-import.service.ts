/**
 * `vigil import <file> --case REF` as a use case: a Project VIC VICS case export (1.x `#Cases`
 * or 2.0; a `#Media` file reads the same) into one of the agency's cases. Per Media entry:
 * the media record (found or added by SHA-256 from AlternativeHashes, with MD5, SHA-1, size,
 * MIME type and PDQ), a sighting per MediaFiles entry (path, file times) in the case's import
 * exhibit, the agency's category (read in the file's scheme), membership of the series the
 * `Series` field names (added when the agency has none of that reference), and the whole entry
 * kept as VICS JSON, so flags, comments, tags, EXIF, segments and unknown fields go back out in
 * an export unchanged. An entry without a SHA-256 (or without MD5, SHA-1 and size) is kept with
 * no media record. A bad entry is rejected with its index and reason; the file reads on.
 */
import { basename } from 'node:path';
import { AppError } from '../domain/app-error.js';
import type { RejectedItem } from '../formats/hash-list-item.js';
import { readVicsBatches, type VicsItem } from '../formats/vics/index.js';
import { CategoryRepository } from '../storage/category.repository.js';
import type { VigilDb } from '../storage/database.js';
import type { DialectName } from '../storage/dialect-name.js';
import { inTransaction } from '../storage/transaction.js';
import { VicsCaseRepository } from '../storage/vics-case.repository.js';
import { VicsCaseBatchRepository } from '../storage/vics-case-batch.repository.js';
import { CategoryMapper } from './category-mapping.js';
import { DEFAULT_SCHEME } from './hash-list-import.service.js';
import { type BatchContext, type BatchCounts, storeBatch } from './vics-case-batch.js';

/** Entries per transaction: enough that each kind of record goes in with a few statements. */
const CASE_BATCH = 2_000;

export interface VicsCaseImportRequest {
  db: VigilDb;
  dialect: DialectName;
  agencyId: number;
  path: string;
  /** The agency's case to fill (added when it has none of that reference). */
  caseReference: string;
  /** The scheme the file's categories are in (default Project VIC US). */
  scheme?: string | null;
  /** Told of each rejected entry (`line` is the entry's index from 0). */
  onRejected?(item: RejectedItem): void;
  onEntry?(): void;
}

export interface VicsCaseImportSummary extends BatchCounts {
  format: 'vics-case';
  caseReference: string;
  version: string | null;
  /** Series the file named (found or added). */
  series: number;
}

export async function importVicsCase(request: VicsCaseImportRequest): Promise<VicsCaseImportSummary> {
  const mapper = await CategoryMapper.load(new CategoryRepository(request.db));
  const scheme = request.scheme ?? DEFAULT_SCHEME;
  if (!mapper.scheme(scheme)) {
    throw new AppError('bad-usage', `Unknown category scheme "${scheme}"; known: ${mapper.schemeCodes().join(', ')}.`);
  }
  const repo = new VicsCaseRepository(request.db);
  const caseId = await repo.caseId(request.agencyId, request.caseReference, request.caseReference);
  const exhibitId = await repo.exhibitId(caseId, request.agencyId, `VICS import: ${basename(request.path)}`);
  const summary: VicsCaseImportSummary = {
    format: 'vics-case',
    caseReference: request.caseReference,
    version: null,
    accepted: 0,
    rejected: 0,
    rejectedBy: {},
    duplicates: 0,
    mediaAdded: 0,
    mediaFound: 0,
    withoutMedia: 0,
    sightings: 0,
    series: 0,
  };
  const ctx: BatchContext = {
    mapper,
    scheme,
    agencyId: request.agencyId,
    caseId,
    exhibitId,
    counts: summary,
    seriesSeen: new Set(),
    onRejected: request.onRejected,
  };
  const info: Record<string, unknown> = {};
  let header: { version: string; flavour: string } | null = null;
  let pending: Exclude<VicsItem, { kind: 'header' }>[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    await inTransaction(request.db, (trx) => storeBatch(ctx, items, new VicsCaseBatchRepository(trx, request.dialect)));
  };
  // One transaction per CASE_BATCH entries or so (the reader hands over the entries of each chunk).
  for await (const batch of readVicsBatches(request.path)) {
    for (const item of batch) {
      if (item.kind === 'header') {
        header ??= { version: item.version, flavour: item.flavour };
        Object.assign(info, item.caseInfo ?? {});
        continue;
      }
      request.onEntry?.();
      pending.push(item);
    }
    if (pending.length >= CASE_BATCH) await flush();
  }
  await flush();
  const got = header as { version: string; flavour: string } | null;
  if (got) {
    summary.version = got.version;
    await repo.saveHeader(request.agencyId, { caseId, ...got, scheme, info });
  }
  summary.series = ctx.seriesSeen.size;
  return summary;
}
