/**
 * Matrix cases of hash-sets.routes.ts: the caller's agency's set, and another agency's restricted
 * set (not visible: 404 for every role the rule admits). Imports send a one-row CSV list. The own
 * set to export is shared `hash_only`, the level at which partners get hashes (README).
 */
import { randomBytes } from 'node:crypto';
import type { SharingLevel } from '../../../src/domain/sharing.record.js';
import { HashSetRepository } from '../../../src/storage/hash-set.repository.js';
import type { MatrixCases, MatrixContext } from './matrix-case.js';
import { fileRequest, matrixHashList } from './matrix-files.js';

async function setOf(ctx: MatrixContext, agencyId: number, sharing: SharingLevel = 'restricted'): Promise<number> {
  const set = await new HashSetRepository(ctx.suite.vigil.database.db).create({
    agencyId,
    name: `matrix-${randomBytes(6).toString('hex')}`,
    source: 'matrix',
    sharing,
  });
  return set.id;
}

const own = (ctx: MatrixContext) => setOf(ctx, ctx.ownAgency);
const list = (id: number) => fileRequest(`/api/v1/hash-sets/${id}/import`, matrixHashList(), 'list.csv', 'text/csv');
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
    own: async (ctx) => list(await own(ctx)),
    other: async (ctx) => list(await other(ctx)),
  },
  'GET /api/v1/hash-sets/:id/export': {
    own: async (ctx) => ({
      method: 'GET',
      url: `/api/v1/hash-sets/${await setOf(ctx, ctx.ownAgency, 'hash_only')}/export?format=csv`,
    }),
    other: async (ctx) => ({ method: 'GET', url: `/api/v1/hash-sets/${await other(ctx)}/export?format=csv` }),
  },
  'PUT /api/v1/hash-sets/:id/sharing': {
    own: async (ctx) => ({ method: 'PUT', url: `/api/v1/hash-sets/${await own(ctx)}/sharing`, body: sharing }),
    other: async (ctx) => ({ method: 'PUT', url: `/api/v1/hash-sets/${await other(ctx)}/sharing`, body: sharing }),
  },
};
