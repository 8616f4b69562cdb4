/**
 * A user's personal bearer tokens (made by POST /api/v1/auth/tokens): each user lists and revokes
 * their own; an agency's admins may list and revoke the tokens of their agency's users (a lost
 * laptop, a leaver). Secrets are never listed (only their SHA-256 is stored). Keys are listed and
 * revoked by ApiKeyService, which audits an admin's list and a revocation against the token's
 * user; partner keys are not handled here.
 */
import type { Actor } from '../access/access-record.js';
import { administersUsers } from '../access/policy-rules.js';
import { AppError } from '../domain/app-error.js';
import { AgencyRepository } from '../storage/agency.repository.js';
import type { VigilDatabase } from '../storage/database.js';
import type { ApiKeyService, KeySummary } from './api-key.service.js';

export type TokenSummary = Pick<KeySummary, 'id' | 'name' | 'createdAt' | 'expiresAt' | 'revokedAt' | 'lastUsedAt'>;

/** Admins of an agency manage its users (RULES: write on `user`). */
const isAdmin = (actor: Actor) => administersUsers(actor.roles);

export class PersonalTokenService {
  constructor(
    private readonly database: VigilDatabase,
    private readonly keys: ApiKeyService,
  ) {}

  /** The caller's tokens, or (admins) those of a user of their agency. */
  async list(actor: Actor, userId: number | undefined): Promise<TokenSummary[]> {
    const owner = userId ?? this.userOf(actor);
    if (owner !== actor.userId) await this.assertAdminOf(actor, owner);
    const tokens = await this.keys.tokensOf(actor, owner);
    return tokens.map(({ id, name, createdAt, expiresAt, revokedAt, lastUsedAt }) => ({
      id,
      name,
      createdAt,
      expiresAt,
      revokedAt,
      lastUsedAt,
    }));
  }

  async revoke(actor: Actor, id: number): Promise<void> {
    const key = await this.keys.find(actor, id);
    const mayRevoke = key?.kind === 'token' && (key.userId === actor.userId || isAdmin(actor));
    // Someone else's token is not found, as if it did not exist: ids reveal nothing.
    if (!key || !mayRevoke) throw new AppError('not-found', `You have no personal token ${id} to revoke.`);
    if (key.revokedAt !== null) throw new AppError('conflict', `Token ${id} is already revoked.`);
    await this.keys.revoke(actor, id, key.userId);
  }

  private userOf(actor: Actor): number {
    if (actor.userId === null) throw new AppError('forbidden', 'Only a signed-in user has personal tokens.');
    return actor.userId;
  }

  private async assertAdminOf(actor: Actor, userId: number): Promise<void> {
    const user = await new AgencyRepository(this.database.db).findUserById(userId);
    if (!isAdmin(actor) || !user || user.agencyId !== actor.agencyId) {
      throw new AppError('not-found', `There is no user ${userId} in your agency whose tokens you may list.`);
    }
  }
}
