/**
 * The agency directory and agency administration. Every signed-in law-enforcement user reads the
 * directory (RULES 'agency'); only admins of the operating agency (the one that runs the hub,
 * bootstrap.service.ts) add agencies, each with its first admin account and a one-time password
 * shown once; an agency's own admins set its security policy. Changes are audited in the
 * transaction that makes them.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { scopeWhere } from '../access/scope-query.js';
import type { Agency, User } from '../domain/agency.record.js';
import { AppError } from '../domain/app-error.js';
import { AgencyRepository } from '../storage/agency.repository.js';
import { AuditRepository } from '../storage/audit.repository.js';
import { CredentialRepository } from '../storage/credential.repository.js';
import type { VigilDatabase } from '../storage/database.js';
import type { VigilSchema } from '../storage/schema.js';
import { SettingsRepository } from '../storage/settings.repository.js';
import type { AuthService } from './auth.service.js';
import { OPERATOR_SETTING } from './bootstrap.service.js';

export interface AgencyView extends Agency {
  /** The agency that runs the hub (its admins add agencies). */
  operator: boolean;
  /** The security policy: only for the caller's own agency. */
  policy?: { requireTotp: boolean };
}

export interface NewAgencyRequest {
  countryCode: string;
  name: string;
  admin: { username: string; displayName: string };
}

export interface CreatedAgency {
  agency: AgencyView;
  admin: User;
  /** Shown once: the new admin must replace it at first sign-in. */
  oneTimePassword: string;
}

export class AgencyAdminService {
  private readonly db: Kysely<VigilSchema>;
  private readonly audit: AuditRepository;

  constructor(
    database: VigilDatabase,
    private readonly auth: AuthService,
    now: () => number = Date.now,
  ) {
    this.db = database.db;
    this.audit = new AuditRepository(database.dialect, now);
  }

  /** The directory: every agency the caller may see (all of them for law-enforcement roles). */
  async list(actor: Actor): Promise<AgencyView[]> {
    const agencies = await new AgencyRepository(this.db).listInScope(scopeWhere(actor, 'read', 'agency'));
    const operator = await this.operatorId();
    return agencies.map((a) => ({ ...a, operator: a.id === operator }));
  }

  async get(actor: Actor, id: number): Promise<AgencyView> {
    const row = await new AgencyRepository(this.db).findInScope(scopeWhere(actor, 'read', 'agency'), id);
    if (!row) throw new AppError('not-found', `There is no agency ${id}; see GET /api/v1/agencies for the directory.`);
    const view: AgencyView = { ...row, operator: row.id === (await this.operatorId()) };
    if (row.id === actor.agencyId) {
      view.policy = { requireTotp: await new CredentialRepository(this.db).requiresTotp(row.id) };
    }
    return view;
  }

  /** Adds an agency and its first admin (operating agency's admins only; the route admits admins). */
  async create(actor: Actor, input: NewAgencyRequest): Promise<CreatedAgency> {
    const operator = await this.operatorId();
    if (operator === null || actor.agencyId !== operator) {
      throw new AppError(
        'forbidden',
        'Only admins of the agency that operates this hub may add agencies; ask the hub operator.',
      );
    }
    const password = await this.auth.prepareOneTimePassword();
    const { agency, admin } = await this.db.transaction().execute(async (trx) => {
      const agencies = new AgencyRepository(trx);
      const agency = await agencies.create({ countryCode: input.countryCode, name: input.name });
      const admin = await agencies.createUser({
        agencyId: agency.id,
        username: input.admin.username,
        displayName: input.admin.displayName,
        roles: ['admin'],
      });
      await this.auth.storeOneTimePassword(trx, admin.id, password);
      await this.audit.append(trx, {
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        action: 'create',
        record: { kind: 'agency', id: agency.id, agencyId: agency.id },
        details: { adminUserId: admin.id },
      });
      return { agency, admin };
    });
    return { agency: { ...agency, operator: false }, admin, oneTimePassword: password.password };
  }

  /** Sets whether the agency's users must use a second factor (its own admins only). */
  async setPolicy(actor: Actor, id: number, requireTotp: boolean): Promise<{ requireTotp: boolean }> {
    await this.get(actor, id);
    if (id !== actor.agencyId) {
      throw new AppError('forbidden', `Agency ${id} is another agency; only its own admins may change its policy.`);
    }
    await this.db.transaction().execute(async (trx) => {
      await new CredentialRepository(trx).setRequireTotp(id, requireTotp);
      await this.audit.append(trx, {
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        action: 'policy-change',
        record: { kind: 'agency', id, agencyId: id },
        details: { requireTotp },
      });
    });
    return { requireTotp };
  }

  private async operatorId(): Promise<number | null> {
    const value = await new SettingsRepository(this.db).get(OPERATOR_SETTING);
    return value === null ? null : Number(value);
  }
}
