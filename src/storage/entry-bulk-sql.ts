/**
 * The insert of hash-set entries in bulk, as fixed texts with plain parameter lists (as
 * media-bulk-sql.ts does for media): building and compiling a 1,000-row Kysely insert per part
 * cost more than SQLite's own work for it. PostgreSQL takes each column as one array (`unnest`),
 * so a whole batch is one statement; SQLite takes multi-row VALUES of a fixed size, so its
 * statement cache prepares each text once per connection. `on conflict do nothing`: an entry the
 * set already has (by its strongest hash, the partial unique indexes) is skipped, not an error.
 */
import { CompiledQuery } from 'kysely';
import { sqliteValues } from './bulk-values.js';
import type { DialectName } from './dialect-name.js';
import type { NewHashSetEntry } from './hash-set-entry.repository.js';

const COLUMNS = 'hash_set_id, agency_id, md5, sha1, sha256, pdq, category_value_id, pdq_quality, series_label';

/** Rows per SQLite multi-row insert: 1,000 × 9 parameters, under its 32,766. */
export const SQLITE_ENTRY_ROWS = 1_000;

const PG_INSERT = `insert into hash_set_entries (${COLUMNS})
select $1::int8, $2::int8, u.md5, u.sha1, u.sha256, u.pdq, u.category_value_id, u.pdq_quality, u.series_label
from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::int8[], $8::int4[], $9::text[])
  with ordinality as u(md5, sha1, sha256, pdq, category_value_id, pdq_quality, series_label, n)
order by u.n
on conflict do nothing`;

/** The inserts of `rows` into one set, in the order given; each reports the rows it added. */
export function entryInserts(
  dialect: DialectName,
  hashSetId: number,
  agencyId: number,
  rows: readonly NewHashSetEntry[],
): CompiledQuery<never>[] {
  if (rows.length === 0) return [];
  if (dialect === 'postgres') {
    const parameters = [
      hashSetId,
      agencyId,
      rows.map((e) => e.md5 ?? null),
      rows.map((e) => e.sha1 ?? null),
      rows.map((e) => e.sha256 ?? null),
      rows.map((e) => e.pdq ?? null),
      rows.map((e) => e.categoryValueId ?? null),
      rows.map((e) => e.pdqQuality ?? null),
      rows.map((e) => e.seriesLabel ?? null),
    ];
    return [CompiledQuery.raw(PG_INSERT, parameters)];
  }
  const out: CompiledQuery<never>[] = [];
  for (let from = 0; from < rows.length; from += SQLITE_ENTRY_ROWS) {
    const part = rows.slice(from, from + SQLITE_ENTRY_ROWS);
    const parameters: unknown[] = [];
    for (const e of part) {
      parameters.push(hashSetId, agencyId, e.md5 ?? null, e.sha1 ?? null, e.sha256 ?? null, e.pdq ?? null);
      parameters.push(e.categoryValueId ?? null, e.pdqQuality ?? null, e.seriesLabel ?? null);
    }
    const text = `insert into hash_set_entries (${COLUMNS}) values ${sqliteValues(part.length, 9)} on conflict do nothing`;
    out.push(CompiledQuery.raw(text, parameters));
  }
  return out;
}
