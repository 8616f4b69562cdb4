/**
 * Sign-in for the hub (issue #7): password credentials (argon2id) with lock-out state and an
 * optional TOTP second factor; login sessions; API keys (a user's bearer token for scripts, or an
 * industry partner's key); per-agency security policy; installation settings (which agency runs
 * the hub). Secrets are never stored: sessions and keys by the SHA-256 of the token.
 */
import { sql } from 'kysely';
import type { VigilMigration } from './column-types.js';

export const authMigration: VigilMigration = {
  name: '0010_auth',
  async up(db, t) {
    await db.schema
      .createTable('user_credentials')
      .addColumn('user_id', t.ref, (c) => c.primaryKey().references('users.id'))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('password_set_at', t.ref, (c) => c.notNull())
      .addColumn('must_change', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', t.ref)
      .addColumn('totp_secret', 'text')
      .addColumn('totp_enabled_at', t.ref)
      .addColumn('totp_last_step', t.ref)
      .execute();

    await db.schema
      .createTable('auth_sessions')
      .addColumn('id', t.idType, (c) => t.id(c))
      .addColumn('token_hash', t.hash, (c) => c.notNull().unique())
      .addColumn('user_id', t.ref, (c) => c.notNull().references('users.id'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', t.ref, (c) => c.notNull())
      .addColumn('expires_at', t.ref, (c) => c.notNull())
      .addColumn('revoked_at', t.ref)
      .execute();
    await db.schema.createIndex('auth_sessions_user_idx').on('auth_sessions').column('user_id').execute();

    await db.schema
      .createTable('api_keys')
      .addColumn('id', t.idType, (c) => t.id(c))
      .addColumn('token_hash', t.hash, (c) => c.notNull().unique())
      .addColumn('agency_id', t.ref, (c) => c.notNull().references('agencies.id'))
      .addColumn('user_id', t.ref, (c) => c.references('users.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['token', 'partner'])))
      .addColumn('rate_per_minute', 'integer', (c) => c.notNull())
      .addColumn('created_at', t.ref, (c) => c.notNull())
      .addColumn('expires_at', t.ref)
      .addColumn('revoked_at', t.ref)
      .execute();
    await db.schema.createIndex('api_keys_agency_idx').on('api_keys').column('agency_id').execute();

    await db.schema
      .createTable('agency_policies')
      .addColumn('agency_id', t.ref, (c) => c.primaryKey().references('agencies.id'))
      .addColumn('require_totp', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('installation_settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },
};

function sqlIn(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
