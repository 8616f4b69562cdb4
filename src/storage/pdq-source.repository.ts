/**
 * The PDQ values a scan matches against, read in id pages for building in-memory indexes: every
 * media's PDQ signals, and the PDQ of hash-set entries whose hashes the agency may see.
 */
import type { Kysely } from 'kysely';
import type { VigilSchema } from './schema.js';
import { flag, hashSetEntriesVisibleTo, hashSetVisibleTo } from './visibility.js';

export interface PdqRow {
  /** Media id, or hash-set entry id. */
  id: number;
  value: string;
}

export interface EntryPdqRow extends PdqRow {
  /** Null where the agency may see the set's hashes only, not its record. */
  hashSetName: string | null;
  /** The set lists known-good (ignorable) material. */
  knownGood: boolean;
}

const PAGE = 10_000;

export class PdqSourceRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  /** PDQ of media stored before `before` (ms since 1970). */
  async *mediaPdq(before: number): AsyncIterable<PdqRow[]> {
    for (let after = 0; ; ) {
      const rows = await this.db
        .selectFrom('signals')
        .innerJoin('media', 'media.id', 'signals.media_id')
        .select(['signals.id as id', 'signals.media_id as media_id', 'signals.value as value'])
        .where('signals.type', '=', 'pdq')
        .where('signals.id', '>', after)
        .where('media.created_at', '<', before)
        .orderBy('signals.id')
        .limit(PAGE)
        .execute();
      if (rows.length === 0) return;
      yield rows.map((r) => ({ id: r.media_id, value: r.value }));
      after = rows[rows.length - 1].id;
    }
  }

  async *entryPdq(agencyId: number): AsyncIterable<EntryPdqRow[]> {
    for (let after = 0; ; ) {
      const rows = await this.db
        .selectFrom('hash_set_entries')
        .innerJoin('hash_sets', 'hash_sets.id', 'hash_set_entries.hash_set_id')
        .select((eb) => [
          'hash_set_entries.id as id',
          'hash_set_entries.pdq as pdq',
          'hash_sets.name as set_name',
          'hash_sets.known_good as known_good',
          flag(hashSetVisibleTo(agencyId)(eb as never)).as('set_visible'),
        ])
        .where('hash_set_entries.pdq', 'is not', null)
        .where('hash_set_entries.id', '>', after)
        .where(hashSetEntriesVisibleTo(agencyId))
        .orderBy('hash_set_entries.id')
        .limit(PAGE)
        .execute();
      if (rows.length === 0) return;
      yield rows.map((r) => ({
        id: r.id,
        value: r.pdq as string,
        hashSetName: Number(r.set_visible) === 1 ? r.set_name : null,
        knownGood: Number(r.known_good) === 1,
      }));
      after = rows[rows.length - 1].id;
    }
  }
}
