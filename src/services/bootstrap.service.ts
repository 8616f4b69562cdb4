/**
 * First start of a hub: when no account can sign in yet, creates the operating agency (the one
 * whose admins add other agencies) and an `admin` account with a random one-time password, shown
 * once to whoever started the server. There is never a default password.
 */
import { AppError } from '../domain/app-error.js';
import { AgencyRepository } from '../storage/agency.repository.js';
import { CredentialRepository } from '../storage/credential.repository.js';
import type { VigilDatabase } from '../storage/database.js';
import { SettingsRepository } from '../storage/settings.repository.js';
import type { AuthService } from './auth.service.js';
import { LOCAL_UNIT } from './local-unit.js';

export const OPERATOR_SETTING = 'operator_agency_id';

export interface FirstAdmin {
  username: string;
  oneTimePassword: string;
  agencyId: number;
}

export class BootstrapService {
  constructor(
    private readonly database: VigilDatabase,
    private readonly auth: AuthService,
  ) {}

  /** The admin created now, or null when the installation already has accounts with passwords. */
  async ensureFirstAdmin(operator = LOCAL_UNIT): Promise<FirstAdmin | null> {
    const db = this.database.db;
    if (await new CredentialRepository(db).anyExists()) return null;
    const agencies = new AgencyRepository(db);
    const agency =
      (await agencies.list()).find((a) => a.name === operator.name && a.countryCode === operator.countryCode) ??
      (await agencies.create(operator));
    const settings = new SettingsRepository(db);
    await settings.setIfAbsent(OPERATOR_SETTING, String(agency.id));
    const username = (await agencies.findUserByUsername('admin')) ? `admin-${agency.id}` : 'admin';
    const user = await agencies.createUser({
      agencyId: agency.id,
      username,
      displayName: 'Administrator',
      roles: ['admin'],
    });
    const oneTimePassword = await this.auth.setOneTimePassword(user.id);
    return { username, oneTimePassword, agencyId: agency.id };
  }

  /** The agency that runs the hub: its admins may add agencies. */
  async operatorAgencyId(): Promise<number> {
    const value = await new SettingsRepository(this.database.db).get(OPERATOR_SETTING);
    if (value === null)
      throw new AppError('internal', 'The installation has no operating agency yet (first start did not finish).');
    return Number(value);
  }
}
