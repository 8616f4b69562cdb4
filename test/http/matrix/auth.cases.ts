/** Matrix cases of health.routes.ts and auth.routes.ts. */
import { hashPassword } from '../../../src/access/password.js';
import { CredentialRepository } from '../../../src/storage/credential.repository.js';
import type { MatrixCases } from './matrix-case.js';

const PASSWORD = 'matrix pass phrase';
let stored: Promise<string> | null = null;

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
    // The callers hold tokens, not passwords: a wrong current password (403 from the service) is
    // not what the matrix checks; an empty body reaches validation (400) once past the gate.
    own: async () => ({ method: 'POST', url: '/api/v1/auth/password', body: { currentPassword: 1 } }),
  },
  'POST /api/v1/auth/totp': { own: async () => ({ method: 'POST', url: '/api/v1/auth/totp', body: {} }) },
  'POST /api/v1/auth/totp/confirm': {
    own: async () => ({ method: 'POST', url: '/api/v1/auth/totp/confirm', body: { code: 'nope' } }),
  },
  'POST /api/v1/auth/tokens': {
    own: async () => ({ method: 'POST', url: '/api/v1/auth/tokens', body: { name: 't' } }),
  },
};
