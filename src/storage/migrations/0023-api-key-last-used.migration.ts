/**
 * When each API key (personal token or partner key) was last used, so a user or admin sees a
 * forgotten or leaked token at work before revoking it. Written at most once a minute per key
 * (PrincipalService), so lookups at thousands a second do not write each time. Null: never used
 * since this migration.
 */
import type { VigilMigration } from './column-types.js';

export const apiKeyLastUsedMigration: VigilMigration = {
  name: '0023_api_key_last_used',
  async up(db, t) {
    await db.schema.alterTable('api_keys').addColumn('last_used_at', t.ref).execute();
  },
};
