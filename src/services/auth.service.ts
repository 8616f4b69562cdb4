/**
 * Signing in and out: passwords (argon2id), lock-out with back-off after failed attempts, the
 * TOTP second factor (enforceable per agency), one-time passwords that must be changed first.
 * Every sign-in, failure and lock-out is an audit event; messages never say which part was wrong.
 */
import type { Kysely } from 'kysely';
import { assertPasswordAcceptable, hashPassword, verifyPassword } from '../access/password.js';
import { newSecretToken, tokenHash } from '../access/secret-token.js';
import { matchTotp, newTotpSecret, totpUri } from '../access/totp.js';
import type { User } from '../domain/agency.record.js';
import { AppError } from '../domain/app-error.js';
import { AgencyRepository } from '../storage/agency.repository.js';
import { AuditRepository } from '../storage/audit.repository.js';
import { type Credential, CredentialRepository } from '../storage/credential.repository.js';
import type { VigilDatabase } from '../storage/database.js';
import type { VigilSchema } from '../storage/schema.js';
import { SessionRepository } from '../storage/session.repository.js';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Failures allowed before lock-out; each further failure doubles the wait, up to the cap. */
export const LOCKOUT = { freeFailures: 5, firstLockMs: 30_000, maxLockMs: 15 * 60_000 } as const;

export interface LoginInput {
  username: string;
  password: string;
  totpCode?: string | undefined;
}

export interface SessionGrant {
  token: string;
  csrfToken: string;
  expiresAt: number;
  user: User;
}

/** A one-time password (shown once) and its argon2id hash (stored). */
export interface OneTimePassword {
  password: string;
  hash: string;
}

const WRONG = 'Wrong username or password.';

export function lockDuration(failures: number): number {
  const over = failures - LOCKOUT.freeFailures;
  if (over < 0) return 0;
  return Math.min(LOCKOUT.maxLockMs, LOCKOUT.firstLockMs * 2 ** over);
}

export class AuthService {
  private readonly agencies: AgencyRepository;
  private readonly credentials: CredentialRepository;
  private readonly sessions: SessionRepository;
  private readonly audit: AuditRepository;
  private readonly db: Kysely<VigilSchema>;
  /** Verified against when the user does not exist, so both paths take as long. */
  private decoy: Promise<string> | null = null;

  constructor(
    database: VigilDatabase,
    private readonly now: () => number = Date.now,
  ) {
    this.db = database.db;
    this.audit = new AuditRepository(database.dialect, now);
    this.agencies = new AgencyRepository(this.db);
    this.credentials = new CredentialRepository(this.db);
    this.sessions = new SessionRepository(this.db);
  }

  async login(input: LoginInput): Promise<SessionGrant> {
    const user = await this.agencies.findUserByUsername(input.username);
    const credential = user && user.disabledAt === null ? await this.credentials.find(user.id) : null;
    if (!user || !credential) {
      this.decoy ??= hashPassword('decoy password for timing');
      await verifyPassword(await this.decoy, input.password);
      throw new AppError('unauthenticated', WRONG);
    }
    const at = this.now();
    if (credential.locked_until !== null && credential.locked_until > at) throw lockedOut(credential.locked_until - at);
    if (!(await verifyPassword(credential.password_hash, input.password))) {
      await this.fail(user, credential, 'password');
      throw new AppError('unauthenticated', WRONG);
    }
    const step = await this.secondFactor(user, credential, input.totpCode);
    await this.credentials.recordSuccess(user.id, step);
    return this.openSession(user, 'login');
  }

  async logout(sessionToken: string): Promise<void> {
    await this.sessions.revokeSession(tokenHash(sessionToken), this.now());
  }

  /** Replaces the password after checking the current one; ends the user's other sessions. */
  async changePassword(userId: number, current: string, next: string, keepSessionToken?: string): Promise<void> {
    const user = await this.agencies.findUserById(userId);
    const credential = user ? await this.credentials.find(userId) : null;
    if (!user || !credential) throw new AppError('not-found', 'No such user.');
    if (!(await verifyPassword(credential.password_hash, current))) {
      throw new AppError('forbidden', 'The current password is wrong.');
    }
    if (current === next) throw new AppError('bad-usage', 'The new password must differ from the current one.');
    assertPasswordAcceptable(next, user.username);
    const at = this.now();
    const hash = await hashPassword(next);
    await this.record(user, 'password-change', {}, async (trx) => {
      await new CredentialRepository(trx).setPassword(userId, hash, at, false);
      const keep = keepSessionToken ? tokenHash(keepSessionToken) : undefined;
      await new SessionRepository(trx).revokeUserSessions(userId, at, keep);
    });
  }

  /** Whether the account has an active second factor (its owner sees this on the account page). */
  async hasSecondFactor(userId: number): Promise<boolean> {
    return (await this.credentials.find(userId))?.totp_enabled_at != null;
  }

  /** Starts TOTP enrolment: a new secret, active only once `confirmTotp` sees a code from it. */
  async beginTotp(userId: number): Promise<{ secret: string; uri: string }> {
    const user = await this.agencies.findUserById(userId);
    const credential = user ? await this.credentials.find(userId) : null;
    if (!user || !credential) throw new AppError('not-found', 'No such user.');
    if (credential.totp_enabled_at !== null) {
      throw new AppError('conflict', 'A second factor is already active; an admin can reset it.');
    }
    const secret = newTotpSecret();
    await this.credentials.setTotp(userId, secret, null, null);
    return { secret, uri: totpUri(secret, user.username) };
  }

  async confirmTotp(userId: number, code: string): Promise<void> {
    const user = await this.agencies.findUserById(userId);
    const credential = user ? await this.credentials.find(userId) : null;
    if (!user || !credential?.totp_secret) {
      throw new AppError('bad-usage', 'Start the enrolment first (POST /api/v1/auth/totp).');
    }
    if (credential.totp_enabled_at !== null) throw new AppError('conflict', 'The second factor is already active.');
    const step = matchTotp(credential.totp_secret, code, this.now(), null);
    if (step === null)
      throw new AppError('bad-usage', 'The code does not match; check the device clock and try again.');
    const secret = credential.totp_secret;
    await this.record(user, 'totp-enrol', {}, (trx) =>
      new CredentialRepository(trx).setTotp(userId, secret, this.now(), step),
    );
  }

  /** Sets a one-time password (new accounts, resets by an admin): must be changed at first sign-in. */
  async setOneTimePassword(userId: number): Promise<string> {
    const prepared = await this.prepareOneTimePassword();
    await this.db.transaction().execute((trx) => this.storeOneTimePassword(trx, userId, prepared));
    return prepared.password;
  }

  /** A new one-time password and its hash, made BEFORE the transaction that stores it (hashing takes ~0.1 s). */
  async prepareOneTimePassword(): Promise<OneTimePassword> {
    const password = newSecretToken('token').slice(4, 24);
    return { password, hash: await hashPassword(password) };
  }

  /** Stores a prepared one-time password in the caller's transaction and ends the user's sessions. */
  async storeOneTimePassword(trx: Kysely<VigilSchema>, userId: number, prepared: OneTimePassword): Promise<void> {
    const at = this.now();
    await new CredentialRepository(trx).setPassword(userId, prepared.hash, at, true);
    await new SessionRepository(trx).revokeUserSessions(userId, at);
  }

  private async secondFactor(user: User, credential: Credential, code: string | undefined): Promise<number | null> {
    if (credential.totp_enabled_at === null || !credential.totp_secret) return null;
    if (!code) {
      throw new AppError('totp-required', 'Enter the 6-digit code from your authenticator app.', {
        details: { field: 'totpCode' },
      });
    }
    const step = matchTotp(credential.totp_secret, code, this.now(), credential.totp_last_step);
    if (step === null) {
      await this.fail(user, credential, 'totp');
      throw new AppError('unauthenticated', 'The code is wrong or was already used.');
    }
    return step;
  }

  private async fail(user: User, credential: Credential, factor: 'password' | 'totp'): Promise<void> {
    const failures = Number(credential.failed_logins) + 1;
    const lockMs = lockDuration(failures);
    const lockedUntil = lockMs > 0 ? this.now() + lockMs : null;
    await this.record(user, lockedUntil ? 'login-locked' : 'login-failed', { factor, failures, lockMs }, (trx) =>
      new CredentialRepository(trx).recordFailure(user.id, failures, lockedUntil),
    );
  }

  private async openSession(user: User, action: string): Promise<SessionGrant> {
    const token = newSecretToken('session');
    const csrfToken = newSecretToken('token').slice(4);
    const at = this.now();
    const expiresAt = at + SESSION_TTL_MS;
    await this.record(user, action, {}, (trx) =>
      new SessionRepository(trx).createSession(tokenHash(token), user.id, csrfToken, at, expiresAt),
    );
    return { token, csrfToken, expiresAt, user };
  }

  /** Runs `change` and appends its audit event in one transaction. */
  private async record(
    user: User,
    action: string,
    details: Record<string, string | number>,
    change: (trx: Kysely<VigilSchema>) => Promise<unknown>,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await change(trx);
      await this.audit.append(trx, {
        actor: { userId: user.id, agencyId: user.agencyId },
        action,
        record: { kind: 'user', id: user.id, agencyId: user.agencyId },
        details,
      });
    });
  }
}

function lockedOut(remainingMs: number): AppError {
  const seconds = Math.ceil(remainingMs / 1000);
  return new AppError('locked-out', `Too many failed sign-ins: try again in ${seconds} s.`, {
    details: { retryAfterSeconds: seconds },
  });
}
