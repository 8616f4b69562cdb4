/**
 * The tables of migration 0010_auth (and 0023's `api_keys.last_used_at`) as Kysely sees them (merged into VigilSchema by schema.ts).
 * Tokens are stored only as their SHA-256 (hex); passwords only as argon2id PHC strings.
 */
import type { Generated } from 'kysely';

export interface UserCredentialTable {
  user_id: number;
  password_hash: string;
  password_set_at: number;
  /** 1 for a one-time password: the user must choose a new one before anything else. */
  must_change: Generated<number>;
  failed_logins: Generated<number>;
  locked_until: number | null;
  /** Base32 TOTP secret; set at enrolment, active once `totp_enabled_at` is set. */
  totp_secret: string | null;
  totp_enabled_at: number | null;
  /** The last accepted TOTP time step, so a code cannot be replayed. */
  totp_last_step: number | null;
}

export interface AuthSessionTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface ApiKeyTable {
  id: Generated<number>;
  token_hash: string;
  agency_id: number;
  /** The user a `token` acts as; null for a `partner` key. */
  user_id: number | null;
  name: string;
  kind: 'token' | 'partner';
  rate_per_minute: number;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  /** When the key last signed a request in (ms; migration 0023); written at most once a minute. */
  last_used_at: number | null;
}

export interface AgencyPolicyTable {
  agency_id: number;
  require_totp: Generated<number>;
}

export interface InstallationSettingTable {
  key: string;
  value: string;
}

export interface AuthSchema {
  user_credentials: UserCredentialTable;
  auth_sessions: AuthSessionTable;
  api_keys: ApiKeyTable;
  agency_policies: AgencyPolicyTable;
  installation_settings: InstallationSettingTable;
}
