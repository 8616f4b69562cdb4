/**
 * Turns a session cookie or a bearer token into a Principal (who, which agency, which roles, what
 * they must do first), or null. API keys are cached for a few seconds, so lookups at thousands of
 * requests a second do not read the database each time; revoking a key in this process drops it
 * from the cache at once, other processes within `cacheMs`. A key's last use is recorded at most
 * once a minute (USE_WRITE_MS) per key and process, and the write itself is skipped when any
 * process recorded one within the minute, so the list of tokens can say when each was last used.
 */
import type { Actor } from '../access/access-record.js';
import type { PendingStep, Principal } from '../access/principal.js';
import { tokenHash, tokenKind } from '../access/secret-token.js';
import type { User } from '../domain/agency.record.js';
import { AgencyRepository } from '../storage/agency.repository.js';
import { CredentialRepository } from '../storage/credential.repository.js';
import type { VigilDatabase } from '../storage/database.js';
import { type ApiKeyRow, SessionRepository } from '../storage/session.repository.js';

/** How stale a key's recorded last use may be: at most one write per key a minute. */
export const USE_WRITE_MS = 60_000;

interface Cached {
  principal: Principal | null;
  until: number;
}

export class PrincipalService {
  private readonly agencies: AgencyRepository;
  private readonly credentials: CredentialRepository;
  private readonly sessions: SessionRepository;
  private readonly keyCache = new Map<string, Cached>();
  /** Per key id: when this process last recorded its use. */
  private readonly usedAt = new Map<number, number>();

  constructor(
    database: VigilDatabase,
    private readonly now: () => number = Date.now,
    private readonly cacheMs = 5_000,
  ) {
    this.agencies = new AgencyRepository(database.db);
    this.credentials = new CredentialRepository(database.db);
    this.sessions = new SessionRepository(database.db);
  }

  async fromSession(token: string): Promise<Principal | null> {
    if (tokenKind(token) !== 'session') return null;
    const row = await this.sessions.findSession(tokenHash(token));
    if (!row || row.revoked_at !== null || row.expires_at <= this.now()) return null;
    const user = await this.activeUser(row.user_id);
    if (!user) return null;
    return {
      actor: actorOf(user),
      via: 'session',
      username: user.username,
      csrfToken: row.csrf_token,
      pending: await this.pendingStep(user),
      keyId: null,
      ratePerMinute: null,
    };
  }

  async fromBearer(token: string): Promise<Principal | null> {
    const kind = tokenKind(token);
    if (kind === 'session') return this.fromSession(token);
    if (kind === null) return null;
    const hash = tokenHash(token);
    const cached = this.keyCache.get(hash);
    const at = this.now();
    let principal: Principal | null;
    if (cached && cached.until > at) principal = cached.principal;
    else {
      principal = await this.loadKey(hash, at);
      if (this.keyCache.size > 10_000) this.keyCache.clear();
      this.keyCache.set(hash, { principal, until: at + this.cacheMs });
    }
    if (principal?.keyId != null) await this.noteUse(principal.keyId, at);
    return principal;
  }

  /** Records the key's use when this process has not within the minute; a failed write is only a stale time. */
  private async noteUse(keyId: number, at: number): Promise<void> {
    const last = this.usedAt.get(keyId);
    if (last !== undefined && at - last < USE_WRITE_MS) return;
    if (this.usedAt.size > 10_000) this.usedAt.clear();
    this.usedAt.set(keyId, at);
    await this.sessions.touchApiKey(keyId, at, at - USE_WRITE_MS).catch(() => false);
  }

  /** The user behind a principal, for display (null when gone or disabled). */
  userById(userId: number): Promise<User | null> {
    return this.activeUser(userId);
  }

  /** Forget cached keys (after a revocation in this process). */
  forgetKeys(): void {
    this.keyCache.clear();
  }

  private async loadKey(hash: string, at: number): Promise<Principal | null> {
    const key = await this.sessions.findApiKey(hash);
    if (!key || key.revoked_at !== null || (key.expires_at !== null && key.expires_at <= at)) return null;
    if (key.kind === 'partner') {
      return keyPrincipal(key, { userId: null, agencyId: key.agency_id, roles: ['partner'] }, null);
    }
    const user = key.user_id === null ? null : await this.activeUser(key.user_id);
    if (!user || user.agencyId !== key.agency_id) return null;
    const pending = await this.pendingStep(user);
    // A token acts for its user, but never while the user has a one-time password to replace.
    if (pending === 'password-change') return null;
    return keyPrincipal(key, actorOf(user), user.username);
  }

  private async activeUser(userId: number): Promise<User | null> {
    const user = await this.agencies.findUserById(userId);
    return user && user.disabledAt === null ? user : null;
  }

  private async pendingStep(user: User): Promise<PendingStep | null> {
    const credential = await this.credentials.find(user.id);
    if (Number(credential?.must_change ?? 0) === 1) return 'password-change';
    if (credential?.totp_enabled_at == null && (await this.credentials.requiresTotp(user.agencyId))) {
      return 'totp-enrolment';
    }
    return null;
  }
}

/** The user's roles as stored: one holding `partner` by mistake is treated as a partner only (policy-rules.ts). */
function actorOf(user: User): Actor {
  return { userId: user.id, agencyId: user.agencyId, roles: user.roles };
}

function keyPrincipal(key: ApiKeyRow, actor: Actor, username: string | null): Principal {
  return {
    actor,
    via: key.kind,
    username,
    csrfToken: null,
    pending: null,
    keyId: key.id,
    ratePerMinute: key.rate_per_minute,
  };
}
