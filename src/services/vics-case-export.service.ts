/**
 * A VICS export of a case that came in as a VICS case export (`vigil import --case`): a `#Cases`
 * file in the version and flavour it came in, with the case's own fields, every kept entry as it
 * was imported (flags, comments, tags, file entries, EXIF, segments, unknown fields), then the
 * case's other media (scanned since) as the plain case export writes them. An entry's category
 * (and another media's) is the agency's category of its media now, in the scheme asked for or the
 * one the file came in; one that does not map is written empty and reported. Hash-only: a
 * `#Media` file of hashes and categories only, kept entries included.
 */
import type { HashListRow } from '../formats/hash-list-item.js';
import {
  alternativeHash,
  parseVicsMedia,
  type VicsFlavour,
  type VicsMedia,
  type VicsVersion,
  writeVics,
} from '../formats/vics/index.js';
import { mediaOf } from '../formats/vics-hash-list.js';
import { MediaCategoryRepository } from '../storage/media-category.repository.js';
import { type KeptEntry, type VicsCaseHeader, VicsCaseRepository } from '../storage/vics-case.repository.js';
import type { CategoryMapper } from './category-mapping.js';
import type { ExportRequest, ExportSummary, Unmapped } from './hash-list-export.service.js';

const PAGE = 1_000;

interface Plan {
  request: ExportRequest;
  mapper: CategoryMapper;
  header: VicsCaseHeader;
  caseId: number;
  /** The scheme categories are written in. */
  scheme: string;
  unmapped: Map<string, Unmapped>;
}

/** `code` of scheme `from` in the plan's scheme, or null (counted) when it does not map. */
function inScheme(plan: Plan, from: string, code: string): string | null {
  if (from === plan.scheme) return code;
  const found = plan.mapper.find(from, code);
  const mapped = found.ok ? plan.mapper.map(found.value.id, plan.scheme) : found;
  if (mapped.ok) return mapped.value.code;
  const key = `${from} ${code}`;
  const u = plan.unmapped.get(key) ?? { from: key, reason: mapped.reason, count: 0 };
  u.count++;
  plan.unmapped.set(key, u);
  return null;
}

async function* keptMedia(plan: Plan, covered: Set<string>): AsyncGenerator<VicsMedia> {
  const { request } = plan;
  const repo = new VicsCaseRepository(request.db);
  const categories = new MediaCategoryRepository(request.db);
  for (let after = 0; ; ) {
    const page: KeptEntry[] = await repo.entries(request.agencyId, plan.caseId, after, PAGE);
    if (page.length === 0) return;
    after = page[page.length - 1]?.id ?? after;
    const ids = page.flatMap((e) => (e.mediaId === null ? [] : [e.mediaId]));
    const current = await categories.of(request.agencyId, ids);
    for (const kept of page) {
      const parsed = parseVicsMedia(JSON.parse(kept.entry));
      // Kept entries were written by Vigil from a parsed entry; they parse again.
      if (!parsed.ok) continue;
      const media = parsed.media;
      if (kept.mediaId !== null) {
        const sha256 = alternativeHash(media, 'SHA256') ?? alternativeHash(media, 'SHA-256');
        if (sha256) covered.add(sha256);
        const now = current.get(kept.mediaId);
        media.category = now ? inScheme(plan, now.scheme, now.code) : null;
      } else if (media.category !== null) {
        media.category = inScheme(plan, plan.header.scheme, media.category);
      }
      yield media;
    }
  }
}

/**
 * Writes the case as described above; resolves with the entries written, or null when the case
 * holds no imported VICS case export (the caller writes the plain case export then).
 */
export async function exportVicsCase(
  request: ExportRequest,
  reference: string,
  mapper: CategoryMapper,
  summary: ExportSummary,
  /** The case's media as rows, with categories in `scheme`, but for those `covered` (by SHA-256). */
  others: (scheme: string, covered: ReadonlySet<string>) => AsyncIterable<HashListRow>,
): Promise<number | null> {
  const repo = new VicsCaseRepository(request.db);
  const caseId = await repo.findCase(request.agencyId, reference);
  if (caseId === null) return null;
  const header = await repo.header(request.agencyId, caseId);
  if (header === null) return null;
  const plan: Plan = {
    request,
    mapper,
    header,
    caseId,
    scheme: request.scheme ?? header.scheme,
    unmapped: new Map(),
  };
  const covered = new Set<string>();
  async function* all(): AsyncGenerator<VicsMedia> {
    for await (const media of keptMedia(plan, covered)) {
      request.onRow?.();
      yield media;
    }
    for await (const row of others(plan.scheme, covered)) {
      request.onRow?.();
      yield mediaOf(row);
    }
  }
  const { written } = await writeVics(all(), request.out, {
    version: header.version as VicsVersion,
    flavour: header.flavour as VicsFlavour,
    hashOnly: request.hashOnly,
    caseInfo: header.info,
  });
  summary.unmapped = [...plan.unmapped.values()];
  return written;
}
