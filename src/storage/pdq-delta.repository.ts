/**
 * The rows an in-memory PDQ index is built and kept current from, by row id: media PDQ signals
 * (the index id is the media id) and hash-set entries with a PDQ (the index id is the entry id).
 * Reads only, in id order and pages, so a process can catch up from a checkpoint.
 */
import type { Kysely } from 'kysely';
import type { VigilSchema } from './schema.js';

/** Which rows: `media` (signals of type pdq) or `entries` (hash_set_entries with a pdq). */
export type PdqSourceName = 'media' | 'entries';

export interface PdqDeltaRow {
  /** The source row's id (signals.id or hash_set_entries.id): what checkpoints count. */
  rowId: number;
  /** What the index holds: the media id, or the entry id. */
  id: number;
  value: string;
}

export class PdqDeltaRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  /** Up to `limit` rows with `afterId < row id ≤ upTo`, in id order. */
  async page(source: PdqSourceName, afterId: number, limit: number, upTo?: number): Promise<PdqDeltaRow[]> {
    if (source === 'media') {
      const rows = await this.db
        .selectFrom('signals')
        .select(['signals.id as row_id', 'signals.media_id as id', 'signals.value as value'])
        .where('signals.type', '=', 'pdq')
        .where('signals.id', '>', afterId)
        .$if(upTo !== undefined, (q) => q.where('signals.id', '<=', upTo as number))
        .orderBy('signals.id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ rowId: Number(r.row_id), id: Number(r.id), value: r.value }));
    }
    const rows = await this.db
      .selectFrom('hash_set_entries')
      .select(['hash_set_entries.id as row_id', 'hash_set_entries.pdq as value'])
      .where('hash_set_entries.pdq', 'is not', null)
      .where('hash_set_entries.id', '>', afterId)
      .$if(upTo !== undefined, (q) => q.where('hash_set_entries.id', '<=', upTo as number))
      .orderBy('hash_set_entries.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ rowId: Number(r.row_id), id: Number(r.row_id), value: r.value as string }));
  }

  /** Rows with `afterId < row id ≤ upTo` (all rows with the defaults). */
  async count(source: PdqSourceName, afterId = 0, upTo?: number): Promise<number> {
    const query =
      source === 'media'
        ? this.db
            .selectFrom('signals')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('signals.type', '=', 'pdq')
            .where('signals.id', '>', afterId)
            .$if(upTo !== undefined, (q) => q.where('signals.id', '<=', upTo as number))
        : this.db
            .selectFrom('hash_set_entries')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('hash_set_entries.pdq', 'is not', null)
            .where('hash_set_entries.id', '>', afterId)
            .$if(upTo !== undefined, (q) => q.where('hash_set_entries.id', '<=', upTo as number));
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The highest row id of the source (0 when empty). */
  async lastId(source: PdqSourceName): Promise<number> {
    const row =
      source === 'media'
        ? await this.db
            .selectFrom('signals')
            .select((eb) => eb.fn.max('signals.id').as('m'))
            .where('signals.type', '=', 'pdq')
            .executeTakeFirst()
        : await this.db
            .selectFrom('hash_set_entries')
            .select((eb) => eb.fn.max('hash_set_entries.id').as('m'))
            .where('hash_set_entries.pdq', 'is not', null)
            .executeTakeFirst();
    return Number(row?.m ?? 0);
  }
}
