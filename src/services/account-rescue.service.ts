/**
 * Account rescue from the server's console (`vigil user`): whoever can run commands on the
 * server owns its data anyway, so they may reset a password, lift a lock-out or remove a lost
 * second factor without signing in. Each rescue is an audit event by the system (no actor).
 */
import type { Kysely } from 'kysely';
import type { User } from '../domain/agency.record.js';
import { AppError } from '../domain/app-error.js';
import { AgencyRepository } from '../storage/agency.repository.js';
import { AuditRepository } from '../storage/audit.repository.js';
import { CredentialRepository } from '../storage/credential.repository.js';
import type { VigilDatabase } from '../storage/database.js';
import type { VigilSchema } from '../storage/schema.js';
import type { AuthService } from './auth.service.js';

export interface AccountState {
  user: User;
  hasPassword: boolean;
  lockedUntil: number | null;
  failedLogins: number;
  totp: boolean;
}

export class AccountRescueService {
  private readonly db: Kysely<VigilSchema>;
  private readonly audit: AuditRepository;

  constructor(
    database: VigilDatabase,
    private readonly auth: AuthService,
    private readonly now: () => number = Date.now,
  ) {
    this.db = database.db;
    this.audit = new AuditRepository(database.dialect, now);
  }

  async list(): Promise<AccountState[]> {
    const agencies = new AgencyRepository(this.db);
    const credentials = new CredentialRepository(this.db);
    const states: AccountState[] = [];
    for (const agency of await agencies.list()) {
      for (const user of await agencies.listUsers(agency.id)) {
        const credential = await credentials.find(user.id);
        states.push({
          user,
          hasPassword: credential !== null,
          lockedUntil: credential?.locked_until ?? null,
          failedLogins: Number(credential?.failed_logins ?? 0),
          totp: credential?.totp_enabled_at != null,
        });
      }
    }
    return states;
  }

  /** A new one-time password (lock-out lifted, sessions ended). */
  async resetPassword(username: string): Promise<string> {
    const user = await this.user(username);
    const password = await this.auth.setOneTimePassword(user.id);
    await this.record(user, 'console-password-reset', async () => {});
    return password;
  }

  async unlock(username: string): Promise<void> {
    const user = await this.user(username);
    await this.record(user, 'console-unlock', (trx) => new CredentialRepository(trx).recordSuccess(user.id, null));
  }

  async removeTotp(username: string): Promise<void> {
    const user = await this.user(username);
    await this.record(user, 'console-totp-reset', (trx) =>
      new CredentialRepository(trx).setTotp(user.id, null, null, null),
    );
  }

  private async user(username: string): Promise<User> {
    const user = await new AgencyRepository(this.db).findUserByUsername(username);
    if (!user) throw new AppError('not-found', `No user "${username}" (vigil user list shows them).`);
    return user;
  }

  private async record(
    user: User,
    action: string,
    change: (trx: Kysely<VigilSchema>) => Promise<unknown>,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await change(trx);
      await this.audit.append(trx, {
        actor: null,
        action,
        record: { kind: 'user', id: user.id, agencyId: user.agencyId },
      });
    });
  }
}
