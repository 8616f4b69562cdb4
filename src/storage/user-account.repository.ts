/**
 * Users as their agency's admins see them: the account with its roles and the state of its
 * credentials (second factor active, one-time password outstanding), for many users in a few
 * queries. I/O only; the caller has already chosen the ids under the access policy.
 */
import type { Kysely } from 'kysely';
import type { Role, User } from '../domain/agency.record.js';
import { chunk, IN_LIST_CHUNK } from './chunks.js';
import type { VigilSchema } from './schema.js';

export interface UserAccount extends User {
  secondFactor: boolean;
  passwordPending: boolean;
}

export class UserAccountRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

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
