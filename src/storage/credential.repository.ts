/**
 * Password credentials, lock-out counters and TOTP state of users; agency security policy. I/O
 * only: the auth service decides what a failed login or a code means.
 */
import type { Kysely, Selectable } from 'kysely';
import type { UserCredentialTable } from './auth-schema.js';
import type { VigilSchema } from './schema.js';

export type Credential = Selectable<UserCredentialTable>;

export class CredentialRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  /** Whether any user has credentials (an installation where someone can sign in). */
  async anyExists(): Promise<boolean> {
    const row = await this.db.selectFrom('user_credentials').select('user_id').limit(1).executeTakeFirst();
    return row !== undefined;
  }

  async find(userId: number): Promise<Credential | null> {
    const row = await this.db
      .selectFrom('user_credentials')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ?? null;
  }

  /** Sets (or replaces) a password; clears lock-out. `mustChange` for one-time passwords. */
  async setPassword(userId: number, passwordHash: string, at: number, mustChange: boolean): Promise<void> {
    const values = {
      password_hash: passwordHash,
      password_set_at: at,
      must_change: mustChange ? 1 : 0,
      failed_logins: 0,
      locked_until: null,
    };
    await this.db
      .insertInto('user_credentials')
      .values({ user_id: userId, ...values })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
      .execute();
  }

  async recordFailure(userId: number, failedLogins: number, lockedUntil: number | null): Promise<void> {
    await this.db
      .updateTable('user_credentials')
      .set({ failed_logins: failedLogins, locked_until: lockedUntil })
      .where('user_id', '=', userId)
      .execute();
  }

  async recordSuccess(userId: number, totpStep: number | null): Promise<void> {
    await this.db
      .updateTable('user_credentials')
      .set({ failed_logins: 0, locked_until: null, ...(totpStep === null ? {} : { totp_last_step: totpStep }) })
      .where('user_id', '=', userId)
      .execute();
  }

  /** Stores a pending secret (enabledAt null) or activates it. */
  async setTotp(
    userId: number,
    secret: string | null,
    enabledAt: number | null,
    lastStep: number | null,
  ): Promise<void> {
    await this.db
      .updateTable('user_credentials')
      .set({ totp_secret: secret, totp_enabled_at: enabledAt, totp_last_step: lastStep })
      .where('user_id', '=', userId)
      .execute();
  }

  async requiresTotp(agencyId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('agency_policies')
      .select('require_totp')
      .where('agency_id', '=', agencyId)
      .executeTakeFirst();
    return Number(row?.require_totp ?? 0) === 1;
  }

  async setRequireTotp(agencyId: number, required: boolean): Promise<void> {
    const value = required ? 1 : 0;
    await this.db
      .insertInto('agency_policies')
      .values({ agency_id: agencyId, require_totp: value })
      .onConflict((oc) => oc.column('agency_id').doUpdateSet({ require_totp: value }))
      .execute();
  }
}
