/**
 * An agency's keys for industry partners (role `partner`: hash lookups only, own rate limit),
 * managed by the agency's admins: issue (secret shown once), list, revoke. Keys are made and
 * revoked by ApiKeyService, which audits both; this service keeps to partner keys of the
 * caller's agency, so a personal token can neither be listed nor revoked here.
 */
import type { Actor } from '../access/access-record.js';
import { AppError } from '../domain/app-error.js';
import type { ApiKeyService, CreatedKey, KeySummary, NewKeyRequest } from './api-key.service.js';

export type PartnerKeySummary = Omit<KeySummary, 'kind' | 'userId'>;

export class PartnerKeyService {
  constructor(private readonly keys: ApiKeyService) {}

  create(actor: Actor, input: NewKeyRequest): Promise<CreatedKey> {
    return this.keys.createPartnerKey(actor, input);
  }

  async list(actor: Actor): Promise<PartnerKeySummary[]> {
    const all = await this.keys.list(actor);
    return all.filter((k) => k.kind === 'partner').map(({ kind: _k, userId: _u, ...key }) => key);
  }

  async revoke(actor: Actor, id: number): Promise<void> {
    const key = (await this.keys.list(actor)).find((k) => k.id === id && k.kind === 'partner');
    if (!key) throw new AppError('not-found', `Your agency has no partner key ${id}.`);
    if (key.revokedAt !== null) throw new AppError('conflict', `Partner key ${id} is already revoked.`);
    await this.keys.revoke(actor, id);
  }
}
