/**
 * The statements of the media bulk path, as fixed texts with plain parameter lists: no query
 * builder per row (building and compiling a 1,000-row Kysely insert costs more than SQLite's
 * own work for it). PostgreSQL takes each column as one array (`unnest`), so a whole batch is one
 * statement and one parse; SQLite takes multi-row VALUES of a fixed size, so its statement cache
 * prepares each text once per connection.
 */
import { CompiledQuery } from 'kysely';
import { sqliteValues } from './bulk-values.js';
import type { DialectName } from './dialect-name.js';
import type { NewMediaWithSignals } from './media-rows.js';

/** One signal row of a batch: the media id resolved. */
export interface SignalRow {
  mediaId: number;
  type: string;
  value: string;
  quality: number | null;
}

const MEDIA_COLUMNS = 'sha256, md5, sha1, size, mime, width, height, duration_ms, created_at';
const SIGNAL_COLUMNS = 'media_id, type, value, quality';

/** Rows per SQLite multi-row insert: 999 × 9 and 2,000 × 4 parameters, under its 32,766. */
export const SQLITE_MEDIA_ROWS = 999;
export const SQLITE_SIGNAL_ROWS = 2_000;
/** Keys per SQLite `IN (...)` look-up of media already stored. */
export const SQLITE_IN_KEYS = 500;

const PG_MEDIA_INSERT = `insert into media (${MEDIA_COLUMNS})
select u.sha256, u.md5, u.sha1, u.size, u.mime, u.width, u.height, u.duration_ms, $9::int8
from unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::text[], $6::int4[], $7::int4[], $8::int8[])
  with ordinality as u(sha256, md5, sha1, size, mime, width, height, duration_ms, n)
order by u.n
on conflict (sha256) do nothing
returning id, sha256`;

const PG_SIGNAL_INSERT = `insert into signals (${SIGNAL_COLUMNS})
select u.media_id, u.type, u.value, u.quality
from unnest($1::int8[], $2::text[], $3::text[], $4::int4[]) with ordinality as u(media_id, type, value, quality, n)
order by u.n
on conflict (type, value, media_id) do nothing`;

const PG_EXISTING = 'select id, sha256 from media where sha256 = any($1::text[])';

/** Inserts of media rows (skipping SHA-256s already stored), each returning `id, sha256`. */
export function mediaInserts(
  dialect: DialectName,
  items: readonly NewMediaWithSignals[],
  createdAt: number,
): CompiledQuery<{ id: number; sha256: string }>[] {
  if (dialect === 'postgres') {
    const parameters = [
      items.map((m) => m.sha256),
      items.map((m) => m.md5),
      items.map((m) => m.sha1),
      items.map((m) => m.size),
      items.map((m) => m.mime ?? null),
      items.map((m) => m.width ?? null),
      items.map((m) => m.height ?? null),
      items.map((m) => m.durationMs ?? null),
      createdAt,
    ];
    return [CompiledQuery.raw(PG_MEDIA_INSERT, parameters)];
  }
  const out: CompiledQuery<{ id: number; sha256: string }>[] = [];
  for (let from = 0; from < items.length; from += SQLITE_MEDIA_ROWS) {
    const part = items.slice(from, from + SQLITE_MEDIA_ROWS);
    const parameters: unknown[] = [];
    for (const m of part) {
      parameters.push(m.sha256, m.md5, m.sha1, m.size, m.mime ?? null, m.width ?? null, m.height ?? null);
      parameters.push(m.durationMs ?? null, createdAt);
    }
    const text = `insert into media (${MEDIA_COLUMNS}) values ${sqliteValues(part.length, 9)} on conflict (sha256) do nothing returning id, sha256`;
    out.push(CompiledQuery.raw(text, parameters));
  }
  return out;
}

/** Look-ups of the ids of media already stored, by SHA-256. */
export function existingMedia(
  dialect: DialectName,
  sha256s: readonly string[],
): CompiledQuery<{ id: number; sha256: string }>[] {
  if (sha256s.length === 0) return [];
  if (dialect === 'postgres') return [CompiledQuery.raw(PG_EXISTING, [sha256s])];
  const out: CompiledQuery<{ id: number; sha256: string }>[] = [];
  for (let from = 0; from < sha256s.length; from += SQLITE_IN_KEYS) {
    const part = sha256s.slice(from, from + SQLITE_IN_KEYS);
    const text = `select id, sha256 from media where sha256 in (${part.map(() => '?').join(', ')})`;
    out.push(CompiledQuery.raw(text, part));
  }
  return out;
}

/** Inserts of signal rows, each skipping a (type, value, media) the media already has. */
export function signalInserts(dialect: DialectName, rows: readonly SignalRow[]): CompiledQuery<never>[] {
  if (rows.length === 0) return [];
  if (dialect === 'postgres') {
    const parameters = [
      rows.map((s) => s.mediaId),
      rows.map((s) => s.type),
      rows.map((s) => s.value),
      rows.map((s) => s.quality),
    ];
    return [CompiledQuery.raw(PG_SIGNAL_INSERT, parameters)];
  }
  const out: CompiledQuery<never>[] = [];
  for (let from = 0; from < rows.length; from += SQLITE_SIGNAL_ROWS) {
    const part = rows.slice(from, from + SQLITE_SIGNAL_ROWS);
    const parameters: unknown[] = [];
    for (const s of part) parameters.push(s.mediaId, s.type, s.value, s.quality);
    const text = `insert into signals (${SIGNAL_COLUMNS}) values ${sqliteValues(part.length, 4)} on conflict (type, value, media_id) do nothing`;
    out.push(CompiledQuery.raw(text, parameters));
  }
  return out;
}
