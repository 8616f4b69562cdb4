/**
 * Scoped existence checks for records of any kind (the record services check a link's ends, a
 * note's subject, a series' new members). I/O only: the caller passes the access scope
 * (scope-query.ts), applied inside the query, so a record out of reach reads as absent.
 */
import type { Kysely } from 'kysely';
import type { AccessKind } from '../access/access-record.js';
import { KIND_TABLES, type ScopeWhere } from '../access/scope-query.js';
import { chunk, IN_LIST_CHUNK } from './chunks.js';
import type { VigilSchema } from './schema.js';

export class VisibleRecordRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  /**
   * The owner agency of record `id` of `kind` when it is in `scope` (null: a kind without one,
   * i.e. media), or undefined when it is not there or out of scope.
   */
  async owner<K extends AccessKind>(
    kind: K,
    id: number,
    scope: ScopeWhere<K>,
  ): Promise<{ agencyId: number | null } | undefined> {
    const table: string = KIND_TABLES[kind];
    // Every table a record kind names has an id; all but media carry their owner agency.
    // biome-ignore lint/suspicious/noExplicitAny: one query over the table the kind names.
    const query = (this.db as Kysely<any>)
      .selectFrom(table)
      .select(kind === 'media' ? [`${table}.id`] : [`${table}.id`, `${table}.agency_id as agencyId`])
      .where(`${table}.id`, '=', id)
      .where(scope as never);
    const row = (await query.executeTakeFirst()) as { agencyId?: number } | undefined;
    return row ? { agencyId: row.agencyId ?? null } : undefined;
  }

  /** The ids among `ids` of media in `scope`. */
  async mediaIds(ids: readonly number[], scope: ScopeWhere<'media'>): Promise<Set<number>> {
    const found = new Set<number>();
    for (const part of chunk([...new Set(ids)], IN_LIST_CHUNK)) {
      const rows = await this.db
        .selectFrom('media')
        .select('media.id')
        .where('media.id', 'in', part)
        .where(scope)
        .execute();
      for (const r of rows) found.add(r.id);
    }
    return found;
  }
}
