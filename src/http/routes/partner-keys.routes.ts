/**
 * Keys for industry partners, issued by an agency's admins: a partner key answers hash lookups
 * and nothing else, under its own rate limit. The secret is shown once. Audited (ApiKeyService).
 */
import type { RouteModule } from '../http-app.js';
import { IdParams } from './agencies.schema.js';
import { Done } from './auth.schema.js';
import { callerOf } from './caller.js';
import { NewPartnerKeyBody, PartnerKeyCreated, PartnerKeyList } from './users.schema.js';

const tags = ['partner keys'];
/** Partner keys are the agency's credentials: its admins manage them (RULES 'agency' write). */
const ADMIN = { kind: 'agency', action: 'write' } as const;

export const partnerKeyRoutes: RouteModule = (app, vigil) => {
  const keys = vigil.partnerKeys;

  app.post(
    '/api/v1/partner-keys',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Issue a partner key for hash lookups (secret shown once)',
        body: NewPartnerKeyBody,
        response: { 201: PartnerKeyCreated },
      },
    },
    async (request, reply) => reply.code(201).send(await keys.create(callerOf(request), request.body)),
  );

  app.get(
    '/api/v1/partner-keys',
    {
      config: { access: ADMIN },
      schema: { tags, summary: "Your agency's partner keys (never their secrets)", response: { 200: PartnerKeyList } },
    },
    async (request) => ({ items: await keys.list(callerOf(request)) }),
  );

  app.delete(
    '/api/v1/partner-keys/:id',
    {
      config: { access: ADMIN },
      schema: { tags, summary: 'Revoke a partner key at once', params: IdParams, response: { 200: Done } },
    },
    async (request) => {
      await keys.revoke(callerOf(request), request.params.id);
      return { ok: true as const };
    },
  );
};
