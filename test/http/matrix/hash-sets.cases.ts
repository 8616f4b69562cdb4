/**
 * Matrix cases of hash-sets.routes.ts: the caller's agency's set, and another agency's restricted
 * set (not visible: 404 for every role the rule admits). Imports get a JSON body: an allowed
 * caller gets past the gate to a 400 asking for a file part.
 */
import { randomBytes } from 'node:crypto';
import { HashSetRepository } from '../../../src/storage/hash-set.repository.js';
import type { MatrixCases, MatrixContext } from './matrix-case.js';

async function setOf(ctx: MatrixContext, agencyId: number): Promise<number> {
  const set = await new HashSetRepository(ctx.suite.vigil.database.db).create({
    agencyId,
    name: `matrix-${randomBytes(6).toString('hex')}`,
    source: 'matrix',
  });
  return set.id;
}

const own = (ctx: MatrixContext) => setOf(ctx, ctx.ownAgency);
const other = (ctx: MatrixContext) => setOf(ctx, ctx.otherAgency);
const sharing = { level: 'restricted' };

export const hashSetCases: MatrixCases = {
  'GET /api/v1/hash-sets': { own: async () => ({ method: 'GET', url: '/api/v1/hash-sets' }) },
  'POST /api/v1/hash-sets': {
    own: async () => ({
      method: 'POST',
      url: '/api/v1/hash-sets',
      body: { name: `matrix-${randomBytes(6).toString('hex')}`, sharing },
    }),
  },
  'POST /api/v1/hash-sets/:id/import': {
    own: async (ctx) => ({ method: 'POST', url: `/api/v1/hash-sets/${await own(ctx)}/import`, body: { file: 'x' } }),
    other: async (ctx) => ({
      method: 'POST',
      url: `/api/v1/hash-sets/${await other(ctx)}/import`,
      body: { file: 'x' },
    }),
  },
  'GET /api/v1/hash-sets/:id/export': {
    own: async (ctx) => ({ method: 'GET', url: `/api/v1/hash-sets/${await own(ctx)}/export?format=csv` }),
    other: async (ctx) => ({ method: 'GET', url: `/api/v1/hash-sets/${await other(ctx)}/export?format=csv` }),
  },
  'PUT /api/v1/hash-sets/:id/sharing': {
    own: async (ctx) => ({ method: 'PUT', url: `/api/v1/hash-sets/${await own(ctx)}/sharing`, body: sharing }),
    other: async (ctx) => ({ method: 'PUT', url: `/api/v1/hash-sets/${await other(ctx)}/sharing`, body: sharing }),
  },
};
