/**
 * Matrix cases of users.routes.ts and partner-keys.routes.ts. Each request acts on a fresh user
 * (or key) made for it, never on the matrix's own callers, so no caller is disabled or reset.
 */
import type { MatrixCases, MatrixContext } from './matrix-case.js';

let counter = 0;

async function freshUser(ctx: MatrixContext, agency: number): Promise<number> {
  return (await ctx.suite.addUser(agency, ['viewer'])).userId;
}

async function partnerKey(ctx: MatrixContext, agency: number): Promise<number> {
  const actor = { userId: null, agencyId: agency, roles: ['admin' as const] };
  return (await ctx.suite.vigil.apiKeys.createPartnerKey(actor, { name: `matrix-${++counter}` })).id;
}

export const userCases: MatrixCases = {
  'GET /api/v1/users': { own: async () => ({ method: 'GET', url: '/api/v1/users' }) },
  'POST /api/v1/users': {
    own: async () => ({
      method: 'POST',
      url: '/api/v1/users',
      body: { username: `matrix-user-${++counter}`, displayName: 'Matrix user', roles: ['viewer'] },
    }),
  },
  'PATCH /api/v1/users/:id': {
    own: async (ctx) => ({
      method: 'PATCH',
      url: `/api/v1/users/${await freshUser(ctx, ctx.ownAgency)}`,
      body: { roles: ['analyst'] },
    }),
    other: async (ctx) => ({
      method: 'PATCH',
      url: `/api/v1/users/${await freshUser(ctx, ctx.otherAgency)}`,
      body: { disabled: true },
    }),
  },
  'POST /api/v1/users/:id/password-reset': {
    own: async (ctx) => ({
      method: 'POST',
      url: `/api/v1/users/${await freshUser(ctx, ctx.ownAgency)}/password-reset`,
    }),
    other: async (ctx) => ({
      method: 'POST',
      url: `/api/v1/users/${await freshUser(ctx, ctx.otherAgency)}/password-reset`,
    }),
  },
  'DELETE /api/v1/users/:id/totp': {
    own: async (ctx) => ({ method: 'DELETE', url: `/api/v1/users/${await freshUser(ctx, ctx.ownAgency)}/totp` }),
    other: async (ctx) => ({ method: 'DELETE', url: `/api/v1/users/${await freshUser(ctx, ctx.otherAgency)}/totp` }),
  },
  'POST /api/v1/partner-keys': {
    own: async () => ({ method: 'POST', url: '/api/v1/partner-keys', body: { name: `matrix-${++counter}` } }),
  },
  'GET /api/v1/partner-keys': { own: async () => ({ method: 'GET', url: '/api/v1/partner-keys' }) },
  'DELETE /api/v1/partner-keys/:id': {
    own: async (ctx) => ({ method: 'DELETE', url: `/api/v1/partner-keys/${await partnerKey(ctx, ctx.ownAgency)}` }),
    other: async (ctx) => ({
      method: 'DELETE',
      url: `/api/v1/partner-keys/${await partnerKey(ctx, ctx.otherAgency)}`,
    }),
  },
};
