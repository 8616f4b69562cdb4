/**
 * Personal bearer tokens for scripts: make one (the secret is shown once), list your own (never a
 * secret), revoke one. Admins may list and revoke the tokens of their agency's users. Thin:
 * ApiKeyService makes and audits keys, PersonalTokenService decides whose tokens a caller reaches.
 */
import type { RouteModule } from '../http-app.js';
import { IdParams } from './agencies.schema.js';
import { Done, TokenBody, TokenCreated, TokenList, TokenListQuery } from './auth.schema.js';
import { callerOf } from './caller.js';

const tags = ['auth'];
const SIGNED_IN = { signedIn: true } as const;

export const tokenRoutes: RouteModule = (app, vigil) => {
  app.post(
    '/api/v1/auth/tokens',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'Create a personal bearer token for scripts (shown once)',
        body: TokenBody,
        response: { 201: TokenCreated },
      },
    },
    async (request, reply) => {
      const created = await vigil.apiKeys.createUserToken(callerOf(request), request.body);
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/v1/auth/tokens',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: "Your personal tokens (admins: `userId` for a user of their agency's); never their secrets",
        querystring: TokenListQuery,
        response: { 200: TokenList },
      },
    },
    async (request) => ({ items: await vigil.personalTokens.list(callerOf(request), request.query.userId) }),
  );

  app.delete(
    '/api/v1/auth/tokens/:id',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: "Revoke a personal token at once (yours; admins: any of their agency's users')",
        params: IdParams,
        response: { 200: Done },
      },
    },
    async (request) => {
      await vigil.personalTokens.revoke(callerOf(request), request.params.id);
      return { ok: true as const };
    },
  );
};
