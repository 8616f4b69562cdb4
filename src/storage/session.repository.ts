/**
 * Login sessions and API keys, found by the SHA-256 of their token. I/O only.
 */
import type { Kysely, Selectable } from 'kysely';
import type { ApiKeyTable, AuthSessionTable } from './auth-schema.js';
import type { VigilSchema } from './schema.js';

export type SessionRow = Selectable<AuthSessionTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;

export interface NewApiKey {
  tokenHash: string;
  agencyId: number;
  userId: number | null;
  name: string;
  kind: 'token' | 'partner';
  ratePerMinute: number;
  expiresAt: number | null;
}

export class SessionRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  async createSession(
    tokenHash: string,
    userId: number,
    csrfToken: string,
    at: number,
    expiresAt: number,
  ): Promise<void> {
    await this.db
      .insertInto('auth_sessions')
      .values({ token_hash: tokenHash, user_id: userId, csrf_token: csrfToken, created_at: at, expires_at: expiresAt })
      .execute();
  }

  async findSession(tokenHash: string): Promise<SessionRow | null> {
    const row = await this.db
      .selectFrom('auth_sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ?? null;
  }

  async revokeSession(tokenHash: string, at: number): Promise<void> {
    await this.db.updateTable('auth_sessions').set({ revoked_at: at }).where('token_hash', '=', tokenHash).execute();
  }

  /** Ends every session of a user (password change, disabling), except `keepHash`. */
  async revokeUserSessions(userId: number, at: number, keepHash?: string): Promise<void> {
    let query = this.db
      .updateTable('auth_sessions')
      .set({ revoked_at: at })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (keepHash) query = query.where('token_hash', '!=', keepHash);
    await query.execute();
  }

  /** Revokes every active personal token of a user (disabling); partner keys belong to no user. */
  async revokeUserApiKeys(userId: number, at: number): Promise<number> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: at })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async createApiKey(input: NewApiKey, at: number): Promise<ApiKeyRow> {
    return this.db
      .insertInto('api_keys')
      .values({
        token_hash: input.tokenHash,
        agency_id: input.agencyId,
        user_id: input.userId,
        name: input.name,
        kind: input.kind,
        rate_per_minute: input.ratePerMinute,
        created_at: at,
        expires_at: input.expiresAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async findApiKey(tokenHash: string): Promise<ApiKeyRow | null> {
    const row = await this.db.selectFrom('api_keys').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ?? null;
  }

  async listApiKeys(agencyId: number): Promise<ApiKeyRow[]> {
    return this.db.selectFrom('api_keys').selectAll().where('agency_id', '=', agencyId).orderBy('id').execute();
  }

  /** A key of that agency by id (any kind, revoked or not). */
  async findApiKeyById(id: number, agencyId: number): Promise<ApiKeyRow | null> {
    const row = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', id)
      .where('agency_id', '=', agencyId)
      .executeTakeFirst();
    return row ?? null;
  }

  /** A user's personal tokens, oldest first (revoked ones too). */
  async listUserTokens(userId: number): Promise<ApiKeyRow[]> {
    return this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('user_id', '=', userId)
      .where('kind', '=', 'token')
      .orderBy('id')
      .execute();
  }

  /**
   * Records that the key was used at `at`, unless a use since `since` is already recorded (by this
   * or another hub process); true when the row was written.
   */
  async touchApiKey(id: number, at: number, since: number): Promise<boolean> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ last_used_at: at })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', since)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** True when a key of that agency was revoked now. */
  async revokeApiKey(id: number, agencyId: number, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('agency_id', '=', agencyId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
