/**
 * Agencies, their users and the users' roles. I/O only: callers check roles and names.
 */
import type { Kysely, Selectable } from 'kysely';
import type { ScopeWhere } from '../access/scope-query.js';
import type { Agency, Role, User } from '../domain/agency.record.js';
import { chunk, IN_LIST_CHUNK } from './chunks.js';
import type { AgencyTable, UserTable, VigilSchema } from './schema.js';
import { withAppErrors } from './storage-errors.js';
import { inTransaction } from './transaction.js';

export interface NewAgency {
  countryCode: string;
  name: string;
}

export interface NewUser {
  agencyId: number;
  username: string;
  displayName: string;
  roles: readonly Role[];
}

function toAgency(row: Selectable<AgencyTable>): Agency {
  return { id: row.id, countryCode: row.country_code, name: row.name, createdAt: row.created_at };
}

function toUser(row: Selectable<UserTable>, roles: Role[]): User {
  return {
    id: row.id,
    agencyId: row.agency_id,
    username: row.username,
    displayName: row.display_name,
    roles,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

export class AgencyRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly now: () => number = Date.now,
  ) {}

  /** A `conflict` AppError when the country already has an agency of that name. */
  create(input: NewAgency): Promise<Agency> {
    return withAppErrors('Adding an agency', async () => {
      const row = await this.db
        .insertInto('agencies')
        .values({ country_code: input.countryCode, name: input.name, created_at: this.now() })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toAgency(row);
    });
  }

  async findById(id: number): Promise<Agency | null> {
    const row = await this.db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toAgency(row) : null;
  }

  /** The agencies in `scope` (the caller's access scope, applied inside the query), by country and name. */
  async listInScope(scope: ScopeWhere<'agency'>): Promise<Agency[]> {
    const rows = await this.db
      .selectFrom('agencies')
      .selectAll()
      .where(scope)
      .orderBy('agencies.country_code')
      .orderBy('agencies.name')
      .execute();
    return rows.map(toAgency);
  }

  async findInScope(scope: ScopeWhere<'agency'>, id: number): Promise<Agency | null> {
    const row = await this.db
      .selectFrom('agencies')
      .selectAll()
      .where('agencies.id', '=', id)
      .where(scope)
      .executeTakeFirst();
    return row ? toAgency(row) : null;
  }

  async list(): Promise<Agency[]> {
    const rows = await this.db.selectFrom('agencies').selectAll().orderBy('id').execute();
    return rows.map(toAgency);
  }

  /** A `conflict` AppError when the username is taken; `not-found` when the agency is not there. */
  createUser(input: NewUser): Promise<User> {
    return withAppErrors('Adding a user', () =>
      inTransaction(this.db, async (trx) => {
        const row = await trx
          .insertInto('users')
          .values({
            agency_id: input.agencyId,
            username: input.username,
            display_name: input.displayName,
            created_at: this.now(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const roles = [...new Set(input.roles)].sort();
        if (roles.length > 0) {
          await trx
            .insertInto('user_roles')
            .values(roles.map((role) => ({ user_id: row.id, role })))
            .execute();
        }
        return toUser(row, roles);
      }),
    );
  }

  /** Replaces a user's roles. */
  setUserRoles(userId: number, roles: readonly Role[]): Promise<void> {
    return withAppErrors('Setting roles', () =>
      inTransaction(this.db, async (trx) => {
        await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
        const unique = [...new Set(roles)];
        if (unique.length > 0) {
          await trx
            .insertInto('user_roles')
            .values(unique.map((role) => ({ user_id: userId, role })))
            .execute();
        }
      }),
    );
  }

  /** Disables a user (sign-in refused from then on) or, with null, enables them again. */
  async setUserDisabled(userId: number, disabledAt: number | null): Promise<void> {
    await this.db.updateTable('users').set({ disabled_at: disabledAt }).where('id', '=', userId).execute();
  }

  async setUserDisplayName(userId: number, displayName: string): Promise<void> {
    await this.db.updateTable('users').set({ display_name: displayName }).where('id', '=', userId).execute();
  }

  async findUserById(id: number): Promise<User | null> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await this.withRoles([row]))[0] : null;
  }

  async findUserByUsername(username: string): Promise<User | null> {
    const row = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return row ? (await this.withRoles([row]))[0] : null;
  }

  async listUsers(agencyId: number): Promise<User[]> {
    const rows = await this.db
      .selectFrom('users')
      .selectAll()
      .where('agency_id', '=', agencyId)
      .orderBy('id')
      .execute();
    return this.withRoles(rows);
  }

  private async withRoles(rows: Selectable<UserTable>[]): Promise<User[]> {
    const roles = new Map<number, Role[]>(rows.map((r) => [r.id, []]));
    for (const ids of chunk([...roles.keys()], IN_LIST_CHUNK)) {
      const found = await this.db
        .selectFrom('user_roles')
        .select(['user_id', 'role'])
        .where('user_id', 'in', ids)
        .orderBy('role')
        .execute();
      for (const r of found) roles.get(r.user_id)?.push(r.role as Role);
    }
    return rows.map((r) => toUser(r, roles.get(r.id) ?? []));
  }
}
