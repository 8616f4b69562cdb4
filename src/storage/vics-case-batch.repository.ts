/**
 * The writes of a VICS case import, a batch of entries at a time (set-wise: a few statements per
 * batch, not a few per entry): the entries the case kept already, media by SHA-256 (added with
 * their PDQ through the media bulk path), sightings, the agency's categories, series membership
 * and the kept entries. Meant to run inside the batch's transaction. I/O only: the service
 * (vics-case-batch.ts) decides what goes where.
 */
import type { Kysely } from 'kysely';
import { chunk, IN_LIST_CHUNK, rowsPerInsert } from './chunks.js';
import type { DialectName } from './dialect-name.js';
import { type BulkMediaResult, bulkInsertMedia } from './media-bulk-insert.js';
import type { NewMediaWithSignals } from './media-rows.js';
import type { VigilSchema } from './schema.js';
import { withAppErrors } from './storage-errors.js';
import type { FileSighting } from './vics-case.repository.js';

/** A kept entry's digests and text, as a second import of the same file meets them. */
export interface KeptDigest {
  md5: string | null;
  sha1: string | null;
  entry: string;
}

export interface StoredMedia {
  id: number;
  md5: string;
  sha1: string;
}

export interface NewSighting extends FileSighting {
  mediaId: number;
}

export interface NewKeptEntry {
  mediaId: number | null;
  md5: string | null;
  sha1: string | null;
  entry: string;
}

export class VicsCaseBatchRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly dialect: DialectName,
    private readonly now: () => number = Date.now,
  ) {}

  /** The case's kept entries with any of these digests (by MD5, else by SHA-1, else those with neither). */
  async keptWith(
    caseId: number,
    digests: readonly { md5: string | null; sha1: string | null }[],
  ): Promise<KeptDigest[]> {
    const md5s = [...new Set(digests.flatMap((d) => (d.md5 === null ? [] : [d.md5])))];
    const sha1s = [...new Set(digests.flatMap((d) => (d.md5 === null && d.sha1 !== null ? [d.sha1] : [])))];
    const base = () =>
      this.db.selectFrom('vics_entries').select(['md5', 'sha1', 'entry']).where('case_id', '=', caseId);
    const out: KeptDigest[] = [];
    for (const part of chunk(md5s, IN_LIST_CHUNK)) out.push(...(await base().where('md5', 'in', part).execute()));
    for (const part of chunk(sha1s, IN_LIST_CHUNK)) {
      out.push(...(await base().where('md5', 'is', null).where('sha1', 'in', part).execute()));
    }
    if (digests.some((d) => d.md5 === null && d.sha1 === null)) {
      out.push(...(await base().where('md5', 'is', null).where('sha1', 'is', null).execute()));
    }
    return out;
  }

  /** Media stored under these SHA-256s, by SHA-256. */
  async mediaBySha256(sha256s: readonly string[]): Promise<Map<string, StoredMedia>> {
    const found = new Map<string, StoredMedia>();
    for (const part of chunk([...new Set(sha256s)], IN_LIST_CHUNK)) {
      const rows = await this.db
        .selectFrom('media')
        .select(['id', 'sha256', 'md5', 'sha1'])
        .where('sha256', 'in', part)
        .execute();
      for (const r of rows) found.set(r.sha256, { id: Number(r.id), md5: r.md5, sha1: r.sha1 });
    }
    return found;
  }

  /** Media added where new (with their signals), one result per item in order. */
  addMedia(items: readonly NewMediaWithSignals[]): Promise<BulkMediaResult[]> {
    return withAppErrors('Adding media', () => bulkInsertMedia(this.db, this.dialect, items, this.now()));
  }

  async addSightings(exhibitId: number, agencyId: number, sightings: readonly NewSighting[]): Promise<void> {
    const seenAt = this.now();
    for (const part of chunk(sightings, rowsPerInsert(this.dialect, 8))) {
      await this.db
        .insertInto('sightings')
        .values(
          part.map((s) => ({
            media_id: s.mediaId,
            exhibit_id: exhibitId,
            agency_id: agencyId,
            path: s.path,
            file_created_at: s.createdAt,
            file_modified_at: s.modifiedAt,
            file_accessed_at: s.accessedAt,
            seen_at: seenAt,
          })),
        )
        .execute();
    }
  }

  /** Sets the agency's category of each media (replacing its earlier one), as set by the import. */
  async setCategories(agencyId: number, valueByMedia: ReadonlyMap<number, number>): Promise<void> {
    const at = this.now();
    const rows = [...valueByMedia].map(([mediaId, valueId]) => ({
      agency_id: agencyId,
      media_id: mediaId,
      category_value_id: valueId,
      set_by: null,
      set_at: at,
    }));
    for (const part of chunk(rows, rowsPerInsert(this.dialect, 5))) {
      const ids = part.map((r) => r.media_id);
      await this.db
        .deleteFrom('media_categories')
        .where('agency_id', '=', agencyId)
        .where('media_id', 'in', ids)
        .execute();
      await this.db.insertInto('media_categories').values(part).execute();
    }
  }

  /** The agency's series with each reference, added (restricted, open) where it has none. */
  async seriesIds(agencyId: number, references: readonly string[]): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    const wanted = [...new Set(references)];
    for (const part of chunk(wanted, IN_LIST_CHUNK)) {
      const rows = await this.db
        .selectFrom('series')
        .select(['id', 'reference'])
        .where('agency_id', '=', agencyId)
        .where('reference', 'in', part)
        .execute();
      for (const r of rows) ids.set(r.reference, Number(r.id));
    }
    const at = this.now();
    for (const reference of wanted.filter((r) => !ids.has(r))) {
      const row = await this.db
        .insertInto('series')
        .values({
          agency_id: agencyId,
          reference,
          title: reference,
          status: 'open',
          sharing: 'restricted',
          created_at: at,
          updated_at: at,
          category_value_id: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(reference, Number(row.id));
    }
    return ids;
  }

  /** Each media a member of its series (kept once: the links' unique index). */
  async addMembers(agencyId: number, members: readonly { mediaId: number; seriesId: number }[]): Promise<void> {
    const at = this.now();
    const unique = new Map(members.map((m) => [`${m.mediaId}:${m.seriesId}`, m]));
    const rows = [...unique.values()].map((m) => ({
      agency_id: agencyId,
      from_kind: 'media',
      from_id: m.mediaId,
      to_kind: 'series',
      to_id: m.seriesId,
      relation: 'member',
      created_by: null,
      created_at: at,
    }));
    for (const part of chunk(rows, rowsPerInsert(this.dialect, 8))) {
      await this.db
        .insertInto('links')
        .values(part)
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }

  /** The entries kept as written, in the order given (an export writes them back in id order). */
  async addEntries(agencyId: number, caseId: number, entries: readonly NewKeptEntry[]): Promise<void> {
    const at = this.now();
    for (const part of chunk(entries, rowsPerInsert(this.dialect, 7))) {
      await this.db
        .insertInto('vics_entries')
        .values(
          part.map((e) => ({
            agency_id: agencyId,
            case_id: caseId,
            media_id: e.mediaId,
            md5: e.md5,
            sha1: e.sha1,
            entry: e.entry,
            created_at: at,
          })),
        )
        .execute();
    }
  }
}
