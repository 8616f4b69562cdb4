/**
 * An agency's user accounts, managed by its admins (RULES 'user': colleagues read the list, admins
 * change it): new accounts and password resets get a one-time password shown once; disabling ends
 * the user's sessions and personal tokens at once; an admin resets a lost second factor. An agency
 * always keeps one active admin. Every change is audited in its own transaction.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { administersUsers } from '../access/policy-rules.js';
import { scopeWhere } from '../access/scope-query.js';
import type { Role } from '../domain/agency.record.js';
import { AppError } from '../domain/app-error.js';
import { AgencyRepository } from '../storage/agency.repository.js';
import { AuditRepository } from '../storage/audit.repository.js';
import type { JsonObject } from '../storage/audit-hash.js';
import { CredentialRepository } from '../storage/credential.repository.js';
import type { VigilDatabase } from '../storage/database.js';
import type { VigilSchema } from '../storage/schema.js';
import { SessionRepository } from '../storage/session.repository.js';
import { type UserAccount, UserAccountRepository } from '../storage/user-account.repository.js';
import type { AuthService } from './auth.service.js';
import type { PrincipalService } from './principal.service.js';

/** Roles an admin can give a person (partner is for industry keys only). */
export const PERSON_ROLES = ['viewer', 'analyst', 'admin', 'auditor'] as const satisfies readonly Role[];
export type PersonRole = (typeof PERSON_ROLES)[number];

/** A user with whether a second factor is active and a one-time password is outstanding. */
export type UserView = UserAccount;
/** A user as the agency's list shows them: account-security state to admins only. */
export type ListedUser = Omit<UserView, 'secondFactor' | 'passwordPending'> &
  Partial<Pick<UserView, 'secondFactor' | 'passwordPending'>>;

export interface NewUserRequest {
  username: string;
  displayName: string;
  roles: readonly PersonRole[];
}

export interface UserChanges {
  displayName?: string | undefined;
  roles?: readonly PersonRole[] | undefined;
  disabled?: boolean | undefined;
}

export class UserAdminService {
  private readonly db: Kysely<VigilSchema>;
  private readonly audit: AuditRepository;

  constructor(
    database: VigilDatabase,
    private readonly auth: AuthService,
    private readonly principals: PrincipalService,
    private readonly now: () => number = Date.now,
  ) {
    this.db = database.db;
    this.audit = new AuditRepository(database.dialect, now);
  }

  /**
   * The users of the caller's agency, oldest first. Whether an account has a second factor or a
   * one-time password still pending is shown to admins only: to anyone else it would point out the
   * colleagues whose accounts are easiest to take over.
   */
  async list(actor: Actor): Promise<ListedUser[]> {
    const ids = await new UserAccountRepository(this.db).idsInScope(scopeWhere(actor, 'read', 'user'));
    const views = await this.views(this.db, ids);
    if (administersUsers(actor.roles)) return views;
    return views.map(({ secondFactor, passwordPending, ...directory }) => directory);
  }

  async create(actor: Actor, input: NewUserRequest): Promise<{ user: UserView; oneTimePassword: string }> {
    const password = await this.auth.prepareOneTimePassword();
    const user = await this.change(actor, null, 'create', async (trx) => {
      const created = await new AgencyRepository(trx).createUser({ agencyId: actor.agencyId, ...input });
      await this.auth.storeOneTimePassword(trx, created.id, password);
      return { id: created.id, details: { roles: created.roles } };
    });
    return { user, oneTimePassword: password.password };
  }

  /** Display name, roles, disabled: what is given changes; disabling ends sessions and tokens. */
  update(actor: Actor, id: number, changes: UserChanges): Promise<UserView> {
    return this.change(actor, id, 'update', async (trx, current) => {
      const at = this.now();
      const agencies = new AgencyRepository(trx);
      const details: JsonObject = {};
      const roles: Role[] = changes.roles ? [...new Set(changes.roles)].sort() : current.roles;
      const disabled = changes.disabled ?? current.disabledAt !== null;
      await this.keepAnAdmin(trx, current, roles.includes('admin') && !disabled);
      if (changes.displayName !== undefined) {
        await agencies.setUserDisplayName(id, changes.displayName);
        details.displayName = true;
      }
      if (changes.roles) {
        await agencies.setUserRoles(id, roles);
        details.roles = roles;
      }
      if (changes.disabled === true && current.disabledAt === null) {
        await agencies.setUserDisabled(id, at);
        const sessions = new SessionRepository(trx);
        await sessions.revokeUserSessions(id, at);
        details.disabled = true;
        details.tokensRevoked = await sessions.revokeUserApiKeys(id, at);
      } else if (changes.disabled === false && current.disabledAt !== null) {
        await agencies.setUserDisabled(id, null);
        details.disabled = false;
      }
      return { id, details };
    });
  }

  async resetPassword(actor: Actor, id: number): Promise<{ oneTimePassword: string }> {
    const password = await this.auth.prepareOneTimePassword();
    await this.change(actor, id, 'password-reset', async (trx) => {
      await this.auth.storeOneTimePassword(trx, id, password);
      return { id, details: {} };
    });
    return { oneTimePassword: password.password };
  }

  /** Removes a lost second factor; the user enrols again (and must, where the agency requires it). */
  resetSecondFactor(actor: Actor, id: number): Promise<UserView> {
    return this.change(actor, id, 'totp-reset', async (trx, current) => {
      await new CredentialRepository(trx).setTotp(id, null, null, null);
      await new SessionRepository(trx).revokeUserSessions(id, this.now());
      return { id, details: { hadSecondFactor: current.secondFactor } };
    });
  }

  /**
   * Runs one change of a user of the caller's agency (`id` null: a new user) with its audit event
   * in one transaction, and returns the user as it is afterwards. Another agency's user is `not-found`.
   */
  private async change(
    actor: Actor,
    id: number | null,
    action: string,
    work: (trx: Kysely<VigilSchema>, current: UserView) => Promise<{ id: number; details: JsonObject }>,
  ): Promise<UserView> {
    const view = await this.db.transaction().execute(async (trx) => {
      let current: UserView | undefined;
      if (id !== null) {
        const found = await new UserAccountRepository(trx).inScope(scopeWhere(actor, 'write', 'user'), id);
        current = found ? (await this.views(trx, [id]))[0] : undefined;
        if (!current) throw new AppError('not-found', `There is no user ${id} in your agency.`);
      }
      const done = await work(trx, current as UserView);
      await this.audit.append(trx, {
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        action,
        record: { kind: 'user', id: done.id, agencyId: actor.agencyId },
        details: done.details,
      });
      return (await this.views(trx, [done.id]))[0];
    });
    // Tokens are cached a few seconds per process: roles, disabling and resets count from now here.
    this.principals.forgetKeys();
    return view;
  }

  /** Refuses a change that would leave the agency without an active admin. */
  private async keepAnAdmin(trx: Kysely<VigilSchema>, user: UserView, staysAdmin: boolean): Promise<void> {
    if (staysAdmin || user.disabledAt !== null || !user.roles.includes('admin')) return;
    const others = await new UserAccountRepository(trx).hasOtherActiveAdmin(user.agencyId, user.id);
    if (!others) {
      throw new AppError(
        'conflict',
        `User ${user.username} is the agency's last active admin; make another user admin first.`,
      );
    }
  }

  private views(db: Kysely<VigilSchema>, ids: readonly number[]): Promise<UserView[]> {
    return new UserAccountRepository(db).byIds(ids);
  }
}
