/**
 * PostgreSQL only: the digest lookups use hash indexes, and the signals' uniqueness leads with the
 * media. Bulk inserts (issue #4) land each media in indexes on random hex keys, and a B-tree on
 * random keys dirties a leaf page all over the index for every row; a hash index inserts in one
 * bucket page of a fixed-size entry (the key's 4-byte hash, not its 32–64 characters). Measured on
 * 300,000 rows into 300,000: 10.4 s with B-trees on MD5 and SHA-1, 5.6 s with hash indexes.
 *
 * - media: MD5 and SHA-1 lookups (equality only: collisions make them lists) by hash index; the
 *   SHA-256 stays a unique B-tree (`on conflict (sha256)` needs one).
 * - signals: unique on (media_id, type, value), a B-tree that new media append to (their ids
 *   grow), in place of (type, value, media_id), which took each one at a random place; the lookup
 *   by value is a hash index; the index on media_id alone goes, the unique one leads with it.
 *   `on conflict (type, value, media_id)` infers the new index (same columns, any order).
 * - hash-set entries: the MD5, SHA-1 and PDQ lookup indexes become hash indexes (still partial).
 *
 * SQLite has no hash indexes and keeps its B-trees: nothing changes there. Names stay where the
 * index does the same job, so plans and tests read alike.
 */
import { sql } from 'kysely';
import type { VigilMigration } from './column-types.js';

export const pgHashIndexesMigration: VigilMigration = {
  name: '0024_pg_hash_indexes',
  async up(db, t) {
    if (t.dialect !== 'postgres') return;
    for (const column of ['md5', 'sha1']) {
      await sql.raw(`drop index media_${column}_idx`).execute(db);
      await sql.raw(`create index media_${column}_idx on media using hash (${column})`).execute(db);
    }
    await sql`drop index signals_type_value_media_unique`.execute(db);
    await sql`drop index signals_media_idx`.execute(db);
    await sql`create unique index signals_media_type_value_unique on signals (media_id, type, value)`.execute(db);
    await sql`create index signals_value_idx on signals using hash (value)`.execute(db);
    for (const column of ['md5', 'sha1', 'pdq']) {
      await sql.raw(`drop index hash_set_entries_${column}_idx`).execute(db);
      await sql
        .raw(
          `create index hash_set_entries_${column}_idx on hash_set_entries using hash (${column}) where ${column} is not null`,
        )
        .execute(db);
    }
  },
};
