/**
 * Matrix cases of health.routes.ts and auth.routes.ts. The callers hold bearer tokens and no
 * password: the password and second-factor cases first give the caller a known password (and a
 * TOTP secret being enrolled), so the request they send is one that succeeds.
 */
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../../src/access/password.js';
import { newTotpSecret, totpCode, totpStep } from '../../../src/access/totp.js';
import { CredentialRepository } from '../../../src/storage/credential.repository.js';
import type { ApiClient } from '../../support/http-harness.js';
import type { MatrixCases, MatrixContext } from './matrix-case.js';

const PASSWORD = 'matrix pass phrase';
let stored: Promise<string> | null = null;

/** Gives the caller the known password (a credential row), returning its user id. */
async function withPassword({ suite, caller }: MatrixContext): Promise<number> {
  const userId = caller.actor?.userId;
  if (userId == null) throw new Error('the password cases run only for users the policy allows');
  stored ??= hashPassword(PASSWORD);
  await new CredentialRepository(suite.vigil.database.db).setPassword(userId, await stored, 0, false);
  return userId;
}

async function tokenOf({ suite }: MatrixContext, owner: ApiClient): Promise<number> {
  if (!owner.actor) throw new Error('a token needs a user');
  return (await suite.vigil.apiKeys.createUserToken(owner.actor, { name: 'matrix' })).id;
}

/** Callers the policy denies are refused before the body is read: any request will do for them. */
const denied = (ctx: MatrixContext) => ctx.caller.actor?.userId == null;

export const authCases: MatrixCases = {
  'GET /health': { own: async () => ({ method: 'GET', url: '/health' }) },
  'GET /ready': { own: async () => ({ method: 'GET', url: '/ready' }) },
  'POST /api/v1/auth/login': {
    async own({ suite, ownAgency }) {
      const user = await suite.addUser(ownAgency, ['viewer']);
      stored ??= hashPassword(PASSWORD);
      await new CredentialRepository(suite.vigil.database.db).setPassword(user.userId, await stored, 0, false);
      const found = await suite.vigil.principals.userById(user.userId);
      return { method: 'POST', url: '/api/v1/auth/login', body: { username: found?.username, password: PASSWORD } };
    },
  },
  'POST /api/v1/auth/logout': { own: async () => ({ method: 'POST', url: '/api/v1/auth/logout', body: {} }) },
  'GET /api/v1/auth/session': { own: async () => ({ method: 'GET', url: '/api/v1/auth/session' }) },
  'GET /api/v1/me/exposure': { own: async () => ({ method: 'GET', url: '/api/v1/me/exposure' }) },
  'POST /api/v1/auth/password': {
    async own(ctx) {
      const body = { currentPassword: PASSWORD, newPassword: `matrix ${randomBytes(12).toString('hex')}` };
      if (!denied(ctx)) await withPassword(ctx);
      return { method: 'POST', url: '/api/v1/auth/password', body };
    },
  },
  'POST /api/v1/auth/totp': {
    async own(ctx) {
      if (!denied(ctx)) await withPassword(ctx);
      return { method: 'POST', url: '/api/v1/auth/totp', body: {} };
    },
  },
  'POST /api/v1/auth/totp/confirm': {
    async own(ctx) {
      const secret = newTotpSecret();
      if (!denied(ctx)) {
        const userId = await withPassword(ctx);
        await new CredentialRepository(ctx.suite.vigil.database.db).setTotp(userId, secret, null, null);
      }
      return {
        method: 'POST',
        url: '/api/v1/auth/totp/confirm',
        body: { code: totpCode(secret, totpStep(Date.now())) },
      };
    },
  },
  'POST /api/v1/auth/tokens': {
    own: async () => ({ method: 'POST', url: '/api/v1/auth/tokens', body: { name: 't' } }),
  },
  'GET /api/v1/auth/tokens': { own: async () => ({ method: 'GET', url: '/api/v1/auth/tokens' }) },
  'DELETE /api/v1/auth/tokens/:id': {
    // The caller's own second token (never the one it calls with); denied callers get the analyst's.
    own: async (ctx) => ({
      method: 'DELETE',
      url: `/api/v1/auth/tokens/${await tokenOf(ctx, denied(ctx) ? ctx.ownAnalyst : ctx.caller)}`,
    }),
    // Another agency's user's token: not found, even for an admin.
    other: async (ctx) => ({ method: 'DELETE', url: `/api/v1/auth/tokens/${await tokenOf(ctx, ctx.otherAnalyst)}` }),
  },
};
