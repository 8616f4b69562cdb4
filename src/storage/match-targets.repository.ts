/**
 * What an ingested file's matches point at, for the near-duplicate step and the alerts of an
 * upload: hash-set entries with their set (and whether the asking agency may see its hashes or
 * the set itself), the series a media is a member of (and whether the agency may see the series),
 * the agency's matches of a media, and whether an alert was already raised. I/O only.
 */
import type { Kysely } from 'kysely';
import type { AlertReason } from '../domain/alert.record.js';
import type { RecordRef } from '../domain/link.record.js';
import { chunk, IN_LIST_CHUNK } from './chunks.js';
import type { VigilSchema } from './schema.js';
import {
  flag,
  hashSetEntriesVisibleTo,
  hashSetVisibleTo,
  seriesHashesVisibleTo,
  seriesVisibleTo,
} from './visibility.js';

/** The relation of a media -> series membership link (scope-query.ts reads the same). */
const MEMBER = 'member';

export interface EntrySet {
  entryId: number;
  hashSetId: number;
  hashSetName: string;
  hashSetAgencyId: number;
  knownGood: boolean;
  /** The asking agency may see the set record (not only its hashes). */
  setVisible: boolean;
}

export interface SeriesMembership {
  mediaId: number;
  seriesId: number;
  seriesAgencyId: number;
  /** The asking agency may see the series record. */
  seriesVisible: boolean;
  /** The asking agency may see the series' hashes (the record, or `hash_only` sharing). */
  hashesVisible: boolean;
}

export interface MediaMatch {
  id: number;
  /** exact, pdq, serial, … (match.record.ts). */
  kind: string;
  otherMediaId: number | null;
  hashSetEntryId: number | null;
  verdict: string;
}

export interface AlertKey {
  agencyId: number;
  reason: AlertReason;
  about: RecordRef;
  matchId: number | null;
  fromAgencyId: number | null;
}

export class MatchTargetsRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  /** Of these entries, those whose hashes `agencyId` may see, with their set. */
  async visibleEntries(entryIds: readonly number[], agencyId: number): Promise<Map<number, EntrySet>> {
    const found = new Map<number, EntrySet>();
    for (const e of await this.entrySets(entryIds, agencyId, true)) found.set(e.entryId, e);
    return found;
  }

  /** The sets of these entries (whoever may see them), as `agencyId` sees them. */
  entrySets(entryIds: readonly number[], agencyId: number, visibleOnly = false): Promise<EntrySet[]> {
    return this.inChunks(entryIds, async (part) => {
      const rows = await this.db
        .selectFrom('hash_set_entries')
        .innerJoin('hash_sets', 'hash_sets.id', 'hash_set_entries.hash_set_id')
        .select((eb) => [
          'hash_set_entries.id as entry_id',
          'hash_sets.id as set_id',
          'hash_sets.name as set_name',
          'hash_sets.agency_id as set_agency_id',
          'hash_sets.known_good as known_good',
          flag(hashSetVisibleTo(agencyId)(eb as never)).as('set_visible'),
        ])
        .where('hash_set_entries.id', 'in', part)
        .$if(visibleOnly, (q) => q.where(hashSetEntriesVisibleTo(agencyId)))
        .orderBy('hash_set_entries.id')
        .execute();
      return rows.map((r) => ({
        entryId: Number(r.entry_id),
        hashSetId: Number(r.set_id),
        hashSetName: r.set_name,
        hashSetAgencyId: Number(r.set_agency_id),
        knownGood: Number(r.known_good) === 1,
        setVisible: Number(r.set_visible) === 1,
      }));
    });
  }

  /** The series these media are members of, as `agencyId` sees them. */
  seriesOf(mediaIds: readonly number[], agencyId: number): Promise<SeriesMembership[]> {
    return this.inChunks(mediaIds, async (part) => {
      const rows = await this.db
        .selectFrom('links')
        .innerJoin('series', 'series.id', 'links.to_id')
        .select((eb) => [
          'links.from_id as media_id',
          'series.id as series_id',
          'series.agency_id as series_agency_id',
          flag(seriesVisibleTo(agencyId)(eb as never)).as('visible'),
          flag(seriesHashesVisibleTo(agencyId)(eb as never)).as('hashes_visible'),
        ])
        .where('links.from_kind', '=', 'media')
        .where('links.to_kind', '=', 'series')
        .where('links.relation', '=', MEMBER)
        .where('links.from_id', 'in', part)
        .orderBy('links.from_id')
        .orderBy('series.id')
        .execute();
      return rows.map((r) => ({
        mediaId: Number(r.media_id),
        seriesId: Number(r.series_id),
        seriesAgencyId: Number(r.series_agency_id),
        seriesVisible: Number(r.visible) === 1,
        hashesVisible: Number(r.hashes_visible) === 1,
      }));
    });
  }

  /** The agency's matches found for a media (it is the `media_id` side). */
  async matchesOf(agencyId: number, mediaId: number): Promise<MediaMatch[]> {
    const rows = await this.db
      .selectFrom('matches')
      .select(['id', 'kind', 'other_media_id', 'hash_set_entry_id', 'verdict'])
      .where('agency_id', '=', agencyId)
      .where('media_id', '=', mediaId)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      otherMediaId: r.other_media_id === null ? null : Number(r.other_media_id),
      hashSetEntryId: r.hash_set_entry_id === null ? null : Number(r.hash_set_entry_id),
      verdict: r.verdict,
    }));
  }

  /** Whether exactly this alert (agency, reason, record, match, from) was raised before. */
  async alerted(key: AlertKey): Promise<boolean> {
    const row = await this.db
      .selectFrom('alerts')
      .select('id')
      .where('agency_id', '=', key.agencyId)
      .where('reason', '=', key.reason)
      .where('about_kind', '=', key.about.kind)
      .where('about_id', '=', key.about.id)
      .where('match_id', key.matchId === null ? 'is' : '=', key.matchId)
      .where('from_agency_id', key.fromAgencyId === null ? 'is' : '=', key.fromAgencyId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  private async inChunks<T>(ids: readonly number[], read: (part: number[]) => Promise<T[]>): Promise<T[]> {
    const out: T[] = [];
    for (const part of chunk([...new Set(ids)], IN_LIST_CHUNK)) out.push(...(await read(part)));
    return out;
  }
}
