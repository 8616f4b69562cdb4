/**
 * What the database knows about the targets of a scanned file's matches, as an agency may see
 * it (visibility.ts rules inside the queries): for a media item, the series it is a member of
 * (first visible one by id), the category (the agency's own for the media, else the series'),
 * the victims linked to that series (counts only) and the series' owning agency; for a hash-set
 * entry, its category, the series label it carries and the set's owning agency (only where the
 * set record itself is visible, not for sets shared as hashes only). I/O only.
 */
import type { Kysely } from 'kysely';
import { chunk, IN_LIST_CHUNK } from './chunks.js';
import type { VigilSchema } from './schema.js';
import { flag, hashSetEntriesVisibleTo, hashSetVisibleTo, seriesVisibleTo } from './visibility.js';

export interface TargetContext {
  series: string | null;
  category: string | null;
  /** Victims linked to the series: how many, and how many are identified; null when none or no series. */
  victims: { total: number; identified: number } | null;
  /** The agency owning the series or hash set. */
  agency: string | null;
}

const EMPTY: TargetContext = { series: null, category: null, victims: null, agency: null };

export class MatchContextRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  async ofMedia(agencyId: number, mediaIds: readonly number[]): Promise<Map<number, TargetContext>> {
    const out = new Map<number, TargetContext>();
    const seriesOf = new Map<number, number>();
    for (const part of chunk([...new Set(mediaIds)], IN_LIST_CHUNK)) {
      const series = await this.db
        .selectFrom('links')
        .innerJoin('series', 'series.id', 'links.to_id')
        .innerJoin('agencies', 'agencies.id', 'series.agency_id')
        .leftJoin('category_values', 'category_values.id', 'series.category_value_id')
        .select(['links.from_id as media_id', 'series.id', 'series.title', 'agencies.name', 'category_values.label'])
        .where('links.from_kind', '=', 'media')
        .where('links.to_kind', '=', 'series')
        .where('links.relation', '=', 'member')
        .where('links.from_id', 'in', part)
        .where(seriesVisibleTo(agencyId))
        .orderBy('series.id')
        .execute();
      for (const r of series) {
        if (out.has(r.media_id)) continue;
        out.set(r.media_id, { series: r.title, category: r.label, victims: null, agency: r.name });
        seriesOf.set(r.media_id, r.id);
      }
      const own = await this.db
        .selectFrom('media_categories')
        .innerJoin('category_values', 'category_values.id', 'media_categories.category_value_id')
        .select(['media_categories.media_id', 'category_values.label'])
        .where('media_categories.agency_id', '=', agencyId)
        .where('media_categories.media_id', 'in', part)
        .execute();
      for (const r of own) out.set(r.media_id, { ...(out.get(r.media_id) ?? EMPTY), category: r.label });
    }
    const victims = await this.victimCounts([...new Set(seriesOf.values())]);
    for (const [mediaId, seriesId] of seriesOf) {
      const context = out.get(mediaId);
      if (context) context.victims = victims.get(seriesId) ?? null;
    }
    return out;
  }

  async ofEntries(agencyId: number, entryIds: readonly number[]): Promise<Map<number, TargetContext>> {
    const out = new Map<number, TargetContext>();
    for (const part of chunk([...new Set(entryIds)], IN_LIST_CHUNK)) {
      const rows = await this.db
        .selectFrom('hash_set_entries')
        .innerJoin('hash_sets', 'hash_sets.id', 'hash_set_entries.hash_set_id')
        .innerJoin('agencies', 'agencies.id', 'hash_sets.agency_id')
        .leftJoin('category_values', 'category_values.id', 'hash_set_entries.category_value_id')
        .select((eb) => [
          'hash_set_entries.id',
          'hash_set_entries.series_label',
          'category_values.label',
          'agencies.name',
          flag(hashSetVisibleTo(agencyId)(eb as never)).as('set_visible'),
        ])
        .where('hash_set_entries.id', 'in', part)
        .where(hashSetEntriesVisibleTo(agencyId))
        .execute();
      for (const r of rows) {
        const visible = Number(r.set_visible) === 1;
        out.set(r.id, {
          series: r.series_label,
          category: r.label,
          victims: null,
          agency: visible ? r.name : null,
        });
      }
    }
    return out;
  }

  /** Victims linked to each series (either direction): total and identified, counted once each. */
  private async victimCounts(
    seriesIds: readonly number[],
  ): Promise<Map<number, { total: number; identified: number }>> {
    const seen = new Map<number, Map<number, boolean>>();
    for (const part of chunk(seriesIds, IN_LIST_CHUNK)) {
      const forward = await this.db
        .selectFrom('links')
        .innerJoin('victims', 'victims.id', 'links.to_id')
        .select(['links.from_id as series_id', 'victims.id', 'victims.identified_at'])
        .where('links.from_kind', '=', 'series')
        .where('links.to_kind', '=', 'victim')
        .where('links.from_id', 'in', part)
        .execute();
      const backward = await this.db
        .selectFrom('links')
        .innerJoin('victims', 'victims.id', 'links.from_id')
        .select(['links.to_id as series_id', 'victims.id', 'victims.identified_at'])
        .where('links.from_kind', '=', 'victim')
        .where('links.to_kind', '=', 'series')
        .where('links.to_id', 'in', part)
        .execute();
      for (const r of [...forward, ...backward]) {
        const victims = seen.get(r.series_id) ?? new Map<number, boolean>();
        victims.set(r.id, r.identified_at !== null);
        seen.set(r.series_id, victims);
      }
    }
    const out = new Map<number, { total: number; identified: number }>();
    for (const [seriesId, victims] of seen) {
      out.set(seriesId, { total: victims.size, identified: [...victims.values()].filter(Boolean).length });
    }
    return out;
  }
}
