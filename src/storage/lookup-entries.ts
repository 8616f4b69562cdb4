/**
 * Hash-set entries found by a hash or by id for a lookup, with whether the caller may see the set
 * itself and the entry's category; the caller's access rules are inside the query (scope-query.ts).
 */
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { readableFlag, scopeWhere } from '../access/scope-query.js';
import { chunk, IN_LIST_CHUNK } from './chunks.js';
import type { Category, EntryHashColumn } from './lookup.repository.js';
import type { VigilSchema } from './schema.js';

export interface EntryHitRow {
  entryId: number;
  /** The hash that was asked (for hash look-ups). */
  value: string;
  hashSetId: number;
  hashSetName: string;
  hashSetAgencyId: number;
  /** The caller may see the hash set record (name, source, terms); otherwise only the hash. */
  setVisible: boolean;
  knownGood: boolean;
  category: Category | null;
}

export function categoryOf(r: {
  category_code: string | null;
  category_label: string | null;
  scheme_code: string | null;
}) {
  return r.category_code === null || r.scheme_code === null
    ? null
    : { scheme: r.scheme_code, code: r.category_code, label: r.category_label ?? r.category_code };
}

/** Sharing levels a partner key may read. */
const PARTNER_LEVELS = ['all', 'hash_only'];

/** Entries with one of `keys` (`where` picks the column), in sets the actor may read, by id. */
export async function readEntries<K extends string | number>(
  db: Kysely<VigilSchema>,
  actor: Actor,
  partnerLevelsOnly: boolean,
  keys: readonly K[],
  where: (part: K[]) => (eb: ExpressionBuilder<VigilSchema, 'hash_set_entries'>) => Expression<SqlBool>,
  askedValue: (hashes: Record<EntryHashColumn, string | null>) => string,
): Promise<EntryHitRow[]> {
  const out: EntryHitRow[] = [];
  for (const part of chunk(keys, IN_LIST_CHUNK)) {
    const rows = await db
      .selectFrom('hash_set_entries')
      .innerJoin('hash_sets', 'hash_sets.id', 'hash_set_entries.hash_set_id')
      .leftJoin('category_values', 'category_values.id', 'hash_set_entries.category_value_id')
      .leftJoin('category_schemes', 'category_schemes.id', 'category_values.scheme_id')
      .select([
        'hash_set_entries.id as id',
        'hash_set_entries.md5',
        'hash_set_entries.sha1',
        'hash_set_entries.sha256',
        'hash_set_entries.pdq',
        'hash_sets.id as set_id',
        'hash_sets.name as set_name',
        'hash_sets.agency_id as set_agency_id',
        'hash_sets.known_good',
        'category_values.code as category_code',
        'category_values.label as category_label',
        'category_schemes.code as scheme_code',
      ])
      .select(readableFlag(actor, 'hash_set', 'set_visible'))
      .where(where(part))
      .where(scopeWhere(actor, 'read', 'hash_set_entry'))
      .$if(partnerLevelsOnly, (q) => q.where('hash_sets.sharing', 'in', PARTNER_LEVELS))
      .orderBy('hash_set_entries.id')
      .execute();
    for (const r of rows) {
      out.push({
        entryId: r.id,
        value: askedValue(r),
        hashSetId: r.set_id,
        hashSetName: r.set_name,
        hashSetAgencyId: r.set_agency_id,
        setVisible: Number(r.set_visible) === 1,
        knownGood: Number(r.known_good) === 1,
        category: categoryOf(r),
      });
    }
  }
  return out;
}
