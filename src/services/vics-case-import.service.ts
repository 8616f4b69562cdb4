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
import type { RejectCode, RejectedItem } from '../formats/hash-list-item.js';
import { alternativeHash, readVicsBatches, type VicsMedia, vicsMediaObject } from '../formats/vics/index.js';
import { CategoryRepository } from '../storage/category.repository.js';
import type { VigilDb } from '../storage/database.js';
import type { MediaCategoryRepository } from '../storage/media-category.repository.js';
import { type FileSighting, VicsCaseRepository } from '../storage/vics-case.repository.js';
import { CategoryMapper } from './category-mapping.js';
import { DEFAULT_SCHEME } from './hash-list-import.service.js';

export interface VicsCaseImportRequest {
  db: VigilDb;
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

export interface VicsCaseImportSummary {
  format: 'vics-case';
  caseReference: string;
  version: string | null;
  accepted: number;
  rejected: number;
  rejectedBy: Partial<Record<RejectCode, number>>;
  /** Accepted entries the case kept already (the same file imported twice). */
  duplicates: number;
  mediaAdded: number;
  mediaFound: number;
  /** Entries kept without a media record (no SHA-256, or no MD5, SHA-1 or size). */
  withoutMedia: number;
  sightings: number;
  series: number;
}

/** Where the media lay, one per MediaFiles entry (folder and name joined), else RelativeFilePath. */
export function fileSightings(media: VicsMedia): FileSighting[] {
  const ms = (d: Date | null) => (d ? d.getTime() : null);
  const files = media.mediaFiles.map((f) => {
    const folder = f.filePath ?? '';
    const sep = folder === '' || /[\\/]$/.test(folder) ? '' : folder.includes('\\') ? '\\' : '/';
    const name = f.fileName ?? '';
    return {
      path: `${folder}${name ? sep + name : ''}`,
      createdAt: ms(f.created),
      modifiedAt: ms(f.written),
      accessedAt: ms(f.accessed),
    };
  });
  if (files.length > 0) return files;
  return [{ path: media.relativeFilePath ?? '', createdAt: null, modifiedAt: null, accessedAt: null }];
}

function reject(summary: VicsCaseImportSummary, item: RejectedItem, request: VicsCaseImportRequest): void {
  summary.rejected++;
  summary.rejectedBy[item.code] = (summary.rejectedBy[item.code] ?? 0) + 1;
  request.onRejected?.(item);
}

interface Run {
  request: VicsCaseImportRequest;
  mapper: CategoryMapper;
  scheme: string;
  caseId: number;
  exhibitId: number;
  summary: VicsCaseImportSummary;
  seriesSeen: Set<number>;
}

/** One good Media entry into the case, inside the batch's transaction; a rejection's reason, or null. */
async function store(
  run: Run,
  m: VicsMedia,
  trx: VicsCaseRepository,
  categories: MediaCategoryRepository,
): Promise<{ code: RejectCode; reason: string } | null> {
  const { summary, request } = run;
  let valueId: number | null = null;
  if (m.category !== null) {
    const found = run.mapper.find(run.scheme, m.category);
    if (!found.ok) return found;
    valueId = found.value.id;
  }
  const entry = JSON.stringify(vicsMediaObject(m));
  if (await trx.hasEntry(run.caseId, m.md5, m.sha1, entry)) {
    summary.duplicates++;
    return null;
  }
  const sha256 = alternativeHash(m, 'SHA256') ?? alternativeHash(m, 'SHA-256');
  let mediaId: number | null = null;
  if (sha256 && m.md5 && m.sha1 && m.mediaSize !== null) {
    const known = await trx.findMedia(sha256);
    if (known && (known.md5 !== m.md5 || known.sha1 !== m.sha1)) {
      return {
        code: 'malformed-row',
        reason: `its MD5/SHA1 differ from those of the media stored under SHA-256 ${sha256}`,
      };
    }
    mediaId =
      known?.id ?? (await trx.addMedia({ sha256, md5: m.md5, sha1: m.sha1, size: m.mediaSize, mime: m.mimeType }));
    if (known) summary.mediaFound++;
    else summary.mediaAdded++;
    const pdq = alternativeHash(m, 'PDQ');
    if (pdq && /^[0-9a-f]{64}$/.test(pdq)) await trx.addPdq(mediaId, pdq);
    const files = fileSightings(m);
    await trx.addSightings(mediaId, run.exhibitId, request.agencyId, files);
    summary.sightings += files.length;
    if (valueId !== null) await categories.set(request.agencyId, mediaId, valueId, null, Date.now());
    if (m.series) run.seriesSeen.add(await trx.addToSeries(request.agencyId, mediaId, m.series));
  } else summary.withoutMedia++;
  await trx.addEntry(request.agencyId, run.caseId, mediaId, { md5: m.md5, sha1: m.sha1 }, entry);
  return null;
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
  const run: Run = { request, mapper, scheme, caseId, exhibitId, summary, seriesSeen: new Set() };
  const info: Record<string, unknown> = {};
  let header: { version: string; flavour: string } | null = null;
  // One transaction per batch the reader hands over (the entries of one chunk of the file).
  for await (const batch of readVicsBatches(request.path)) {
    await repo.transaction(async (trx, categories) => {
      for (const item of batch) {
        if (item.kind === 'header') {
          header ??= { version: item.version, flavour: item.flavour };
          Object.assign(info, item.caseInfo ?? {});
          continue;
        }
        request.onEntry?.();
        const bad =
          item.kind === 'rejected'
            ? { code: 'malformed-row' as const, reason: (item.field ? `${item.field}: ` : '') + item.reason }
            : await store(run, item.media, trx, categories);
        if (bad === null) summary.accepted++;
        else reject(summary, { kind: 'rejected', line: item.index, code: bad.code, reason: bad.reason }, request);
      }
    });
  }
  const got = header as { version: string; flavour: string } | null;
  if (got) {
    summary.version = got.version;
    await repo.saveHeader(request.agencyId, { caseId, ...got, scheme, info });
  }
  summary.series = run.seriesSeen.size;
  return summary;
}
