/**
 * One batch of a VICS case import (see vics-case-import.service.ts), set-wise: the batch's
 * entries are judged in file order against what the case and the media table hold (two reads),
 * then written in a few statements per kind of record. The rules, entry by entry:
 *  - a category the scheme does not have rejects the entry;
 *  - an entry the case kept already, the very same text (a second import of the file), counts
 *    as a duplicate and writes nothing;
 *  - with a SHA-256 (AlternativeHashes), MD5, SHA-1 and size, the media is found or added by its
 *    SHA-256, with its PDQ; MD5/SHA-1 that differ from the stored media's reject the entry;
 *    each MediaFiles entry becomes a sighting in the import exhibit, the category the agency's,
 *    the `Series` field membership of the agency's series of that reference;
 *  - otherwise the entry is kept without a media record.
 */
import type { RejectCode, RejectedItem } from '../formats/hash-list-item.js';
import { alternativeHash, type VicsItem, type VicsMedia, vicsMediaObject } from '../formats/vics/index.js';
import type { NewMediaWithSignals } from '../storage/media-rows.js';
import type { FileSighting } from '../storage/vics-case.repository.js';
import type { NewKeptEntry, NewSighting, VicsCaseBatchRepository } from '../storage/vics-case-batch.repository.js';
import type { CategoryMapper } from './category-mapping.js';

/** What a batch adds to the import's counts. */
export interface BatchCounts {
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
}

export interface BatchContext {
  mapper: CategoryMapper;
  scheme: string;
  agencyId: number;
  caseId: number;
  exhibitId: number;
  counts: BatchCounts;
  /** The series the import has named so far. */
  seriesSeen: Set<number>;
  onRejected?(item: RejectedItem): void;
}

/** An accepted entry with a media record: what is written for it once the media ids are known. */
interface MediaEntry {
  media: NewMediaWithSignals;
  files: FileSighting[];
  valueId: number | null;
  series: string | null;
  kept: number;
}

const digestKey = (md5: string | null, sha1: string | null, entry: string) => `${md5}\u0000${sha1}\u0000${entry}`;

function reject(ctx: BatchContext, index: number, code: RejectCode, reason: string): void {
  ctx.counts.rejected++;
  ctx.counts.rejectedBy[code] = (ctx.counts.rejectedBy[code] ?? 0) + 1;
  ctx.onRejected?.({ kind: 'rejected', line: index, code, reason });
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

function mediaFacts(m: VicsMedia): { sha256: string; md5: string; sha1: string; size: number } | null {
  const sha256 = alternativeHash(m, 'SHA256') ?? alternativeHash(m, 'SHA-256');
  if (!sha256 || !m.md5 || !m.sha1 || m.mediaSize === null) return null;
  return { sha256, md5: m.md5, sha1: m.sha1, size: m.mediaSize };
}

/** Judges and writes one batch of Media items (headers are the caller's), in file order. */
export async function storeBatch(
  ctx: BatchContext,
  items: readonly Exclude<VicsItem, { kind: 'header' }>[],
  repo: VicsCaseBatchRepository,
): Promise<void> {
  const { counts } = ctx;
  const goods = items.flatMap((i) => (i.kind === 'media' ? [{ index: i.index, media: i.media }] : []));
  const entries = goods.map((g) => JSON.stringify(vicsMediaObject(g.media)));
  const kept = new Set(
    (
      await repo.keptWith(
        ctx.caseId,
        goods.map((g) => ({ md5: g.media.md5, sha1: g.media.sha1 })),
      )
    ).map((k) => digestKey(k.md5, k.sha1, k.entry)),
  );
  const stored = await repo.mediaBySha256(goods.flatMap((g) => mediaFacts(g.media)?.sha256 ?? []));
  const keptEntries: NewKeptEntry[] = [];
  const withMedia: MediaEntry[] = [];
  let good = 0;
  for (const item of items) {
    if (item.kind === 'rejected') {
      reject(ctx, item.index, 'malformed-row', (item.field ? `${item.field}: ` : '') + item.reason);
      continue;
    }
    const m = item.media;
    const entry = entries[good++];
    let valueId: number | null = null;
    if (m.category !== null) {
      const found = ctx.mapper.find(ctx.scheme, m.category);
      if (!found.ok) {
        reject(ctx, item.index, found.code, found.reason);
        continue;
      }
      valueId = found.value.id;
    }
    const key = digestKey(m.md5, m.sha1, entry);
    if (kept.has(key)) {
      counts.accepted++;
      counts.duplicates++;
      continue;
    }
    const facts = mediaFacts(m);
    if (facts) {
      const known = stored.get(facts.sha256);
      if (known && (known.md5 !== facts.md5 || known.sha1 !== facts.sha1)) {
        const reason = `its MD5/SHA1 differ from those of the media stored under SHA-256 ${facts.sha256}`;
        reject(ctx, item.index, 'malformed-row', reason);
        continue;
      }
      if (known) counts.mediaFound++;
      else counts.mediaAdded++;
      // A later entry of this batch with the same SHA-256 finds it (and is checked against it).
      if (!known) stored.set(facts.sha256, { id: 0, md5: facts.md5, sha1: facts.sha1 });
      const pdq = alternativeHash(m, 'PDQ');
      const signals = pdq && /^[0-9a-f]{64}$/.test(pdq) ? [{ type: 'pdq', value: pdq, quality: null }] : [];
      const files = fileSightings(m);
      counts.sightings += files.length;
      withMedia.push({
        media: { ...facts, mime: m.mimeType, signals },
        files,
        valueId,
        series: m.series,
        kept: keptEntries.length,
      });
    } else counts.withoutMedia++;
    kept.add(key);
    counts.accepted++;
    keptEntries.push({ mediaId: null, md5: m.md5, sha1: m.sha1, entry });
  }
  await writeBatch(ctx, repo, withMedia, keptEntries);
}

async function writeBatch(
  ctx: BatchContext,
  repo: VicsCaseBatchRepository,
  withMedia: readonly MediaEntry[],
  keptEntries: NewKeptEntry[],
): Promise<void> {
  const ids = (await repo.addMedia(withMedia.map((e) => e.media))).map((r) => r.mediaId);
  const sightings: NewSighting[] = [];
  const categories = new Map<number, number>();
  withMedia.forEach((e, k) => {
    const mediaId = ids[k];
    keptEntries[e.kept].mediaId = mediaId;
    for (const f of e.files) sightings.push({ mediaId, ...f });
    if (e.valueId !== null) categories.set(mediaId, e.valueId);
  });
  await repo.addSightings(ctx.exhibitId, ctx.agencyId, sightings);
  await repo.setCategories(ctx.agencyId, categories);
  const named = withMedia.flatMap((e, k) => (e.series ? [{ mediaId: ids[k], reference: e.series }] : []));
  if (named.length > 0) {
    const seriesIds = await repo.seriesIds(
      ctx.agencyId,
      named.map((n) => n.reference),
    );
    const members = named.map((n) => ({ mediaId: n.mediaId, seriesId: seriesIds.get(n.reference) as number }));
    for (const m of members) ctx.seriesSeen.add(m.seriesId);
    await repo.addMembers(ctx.agencyId, members);
  }
  await repo.addEntries(ctx.agencyId, ctx.caseId, keptEntries);
}
