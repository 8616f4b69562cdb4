/**
 * Users as their agency's admins see them: the account with its roles and the state of its
 * credentials (second factor active, one-time password outstanding), for many users in a few
 * queries. I/O only: the caller passes the access scope (scope-query.ts) where one applies.
 */
import type { Kysely } from 'kysely';
import type { ScopeWhere } from '../access/scope-query.js';
import type { Role, User } from '../domain/agency.record.js';
import { chunk, IN_LIST_CHUNK } from './chunks.js';
import type { VigilSchema } from './schema.js';

export interface UserAccount extends User {
  secondFactor: boolean;
  passwordPending: boolean;
}

export class UserAccountRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  /** Ids of the users in `scope`, oldest first. */
  async idsInScope(scope: ScopeWhere<'user'>): Promise<number[]> {
    const rows = await this.db.selectFrom('users').select('users.id').where(scope).orderBy('users.id').execute();
    return rows.map((r) => r.id);
  }

  /** Whether the user `id` is in `scope`. */
  async inScope(scope: ScopeWhere<'user'>, id: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('users')
      .select('users.id')
      .where('users.id', '=', id)
      .where(scope)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Whether the agency has an active admin other than `userId`. */
  async hasOtherActiveAdmin(agencyId: number, userId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('users')
      .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
      .select('users.id')
      .where('users.agency_id', '=', agencyId)
      .where('users.id', '<>', userId)
      .where('users.disabled_at', 'is', null)
      .where('user_roles.role', '=', 'admin')
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Usernames of those of `ids` that belong to the agency, by id. */
  async usernamesInAgency(ids: readonly number[], agencyId: number): Promise<Map<number, string>> {
    const names = new Map<number, string>();
    for (const part of chunk([...new Set(ids)], IN_LIST_CHUNK)) {
      const rows = await this.db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('id', 'in', part)
        .where('agency_id', '=', agencyId)
        .execute();
      for (const r of rows) names.set(r.id, r.username);
    }
    return names;
  }

  /** The accounts with these ids, in the order of `ids` (missing ones left out). */
  async byIds(ids: readonly number[]): Promise<UserAccount[]> {
    const found = new Map<number, UserAccount>();
    for (const part of chunk(ids, IN_LIST_CHUNK)) {
      const rows = await this.db
        .selectFrom('users')
        .leftJoin('user_credentials', 'user_credentials.user_id', 'users.id')
        .selectAll('users')
        .select(['user_credentials.totp_enabled_at', 'user_credentials.must_change'])
        .where('users.id', 'in', part)
        .execute();
      const roles = await this.db
        .selectFrom('user_roles')
        .select(['user_id', 'role'])
        .where('user_id', 'in', part)
        .orderBy('role')
        .execute();
      for (const r of rows) {
        found.set(r.id, {
          id: r.id,
          agencyId: r.agency_id,
          username: r.username,
          displayName: r.display_name,
          roles: roles.filter((x) => x.user_id === r.id).map((x) => x.role as Role),
          createdAt: r.created_at,
          disabledAt: r.disabled_at,
          secondFactor: r.totp_enabled_at !== null,
          passwordPending: Number(r.must_change ?? 0) === 1,
        });
      }
    }
    return ids.flatMap((id) => found.get(id) ?? []);
  }
}
