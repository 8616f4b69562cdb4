/**
 * API keys: a user's bearer token for scripts (acts with the user's roles) and an agency admin's
 * keys for industry partners (role `partner`: hash lookups only, own rate limit). The secret is
 * returned once and stored as its SHA-256; creating and revoking are audited, and so is listing
 * another user's tokens.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { newSecretToken, tokenHash } from '../access/secret-token.js';
import { AppError } from '../domain/app-error.js';
import { AuditRepository } from '../storage/audit.repository.js';
import type { VigilDatabase } from '../storage/database.js';
import type { VigilSchema } from '../storage/schema.js';
import { type ApiKeyRow, SessionRepository } from '../storage/session.repository.js';
import type { PrincipalService } from './principal.service.js';
import { auditChange } from './record-access.js';

const DAY_MS = 86_400_000;
export const DEFAULT_TOKEN_RATE = 60_000;
export const DEFAULT_PARTNER_RATE = 600;

export interface NewKeyRequest {
  name: string;
  expiresInDays?: number | undefined;
  ratePerMinute?: number | undefined;
}

export interface CreatedKey {
  id: number;
  token: string;
  expiresAt: number | null;
}

export interface KeySummary {
  id: number;
  name: string;
  kind: 'token' | 'partner';
  userId: number | null;
  ratePerMinute: number;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  /** When it last signed a request in, to the minute; null if never (since migration 0023). */
  lastUsedAt: number | null;
}

export class ApiKeyService {
  private readonly db: Kysely<VigilSchema>;
  private readonly audit: AuditRepository;

  constructor(
    database: VigilDatabase,
    private readonly principals: PrincipalService,
    private readonly now: () => number = Date.now,
  ) {
    this.db = database.db;
    this.audit = new AuditRepository(database.dialect, now);
  }

  /** A bearer token acting as the actor (a signed-in user). */
  createUserToken(actor: Actor, input: NewKeyRequest): Promise<CreatedKey> {
    if (actor.userId === null) throw new AppError('forbidden', 'Only a signed-in user can create a personal token.');
    return this.create(actor, { ...input, kind: 'token', userId: actor.userId, rate: DEFAULT_TOKEN_RATE });
  }

  /** A partner key of the actor's agency (the route admits admins only). */
  createPartnerKey(actor: Actor, input: NewKeyRequest): Promise<CreatedKey> {
    const rate = input.ratePerMinute ?? DEFAULT_PARTNER_RATE;
    return this.create(actor, { ...input, kind: 'partner', userId: null, rate });
  }

  async list(actor: Actor): Promise<KeySummary[]> {
    const rows = await new SessionRepository(this.db).listApiKeys(actor.agencyId);
    return rows.map(summary);
  }

  /**
   * A user's personal tokens (the caller checks who may see them). Another user's (an admin's look
   * at a colleague's: names, and when each was last used, which shows when and how they work) is
   * an audited read: a `view` event on that user, in the read's transaction. One's own is not.
   */
  async tokensOf(actor: Actor, userId: number): Promise<KeySummary[]> {
    return this.db.transaction().execute(async (trx) => {
      const tokens = (await new SessionRepository(trx).listUserTokens(userId)).map(summary);
      if (userId !== actor.userId) {
        const user = { kind: 'user', id: userId, agencyId: actor.agencyId } as const;
        await auditChange(trx, this.audit, actor, 'view', user, { part: 'tokens', shown: tokens.length });
      }
      return tokens;
    });
  }

  /** One key of the actor's agency, or null. */
  async find(actor: Actor, id: number): Promise<KeySummary | null> {
    const row = await new SessionRepository(this.db).findApiKeyById(id, actor.agencyId);
    return row ? summary(row) : null;
  }

  /** Revokes a key of the actor's agency; the audit event is about `owner` (the token's user). */
  async revoke(actor: Actor, id: number, owner: number | null = actor.userId): Promise<void> {
    const at = this.now();
    const revoked = await this.db.transaction().execute(async (trx) => {
      const done = await new SessionRepository(trx).revokeApiKey(id, actor.agencyId, at);
      if (done) await this.record(trx, actor, 'revoke-key', id, owner);
      return done;
    });
    if (!revoked) throw new AppError('not-found', `No active key ${id} in your agency.`);
    this.principals.forgetKeys();
  }

  private async create(
    actor: Actor,
    input: NewKeyRequest & { kind: 'token' | 'partner'; userId: number | null; rate: number },
  ): Promise<CreatedKey> {
    const token = newSecretToken(input.kind);
    const at = this.now();
    const expiresAt = input.expiresInDays ? at + input.expiresInDays * DAY_MS : null;
    const row = await this.db.transaction().execute(async (trx) => {
      const created = await new SessionRepository(trx).createApiKey(
        {
          tokenHash: tokenHash(token),
          agencyId: actor.agencyId,
          userId: input.userId,
          name: input.name,
          kind: input.kind,
          ratePerMinute: input.rate,
          expiresAt,
        },
        at,
      );
      await this.record(trx, actor, input.kind === 'partner' ? 'create-partner-key' : 'create-token', created.id);
      return created;
    });
    return { id: row.id, token, expiresAt };
  }

  private async record(
    trx: Kysely<VigilSchema>,
    actor: Actor,
    action: string,
    keyId: number,
    owner: number | null = actor.userId,
  ): Promise<void> {
    await this.audit.append(trx, {
      actor: { userId: actor.userId, agencyId: actor.agencyId },
      action,
      record: { kind: 'user', id: owner, agencyId: actor.agencyId },
      details: { keyId },
    });
  }
}

function summary(row: ApiKeyRow): KeySummary {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    userId: row.user_id,
    ratePerMinute: row.rate_per_minute,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}
