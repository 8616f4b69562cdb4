/** Matrix cases of links.routes.ts: links between records of the caller's agency, and another agency's. */
import { LinkRepository } from '../../../src/storage/link.repository.js';
import type { ServerSuite } from '../../support/http-harness.js';
import { aPlace, aSeries } from '../../support/hub-records.js';
import type { MatrixCases } from './matrix-case.js';

async function aLink(suite: ServerSuite, agencyId: number): Promise<number> {
  const link = await new LinkRepository(suite.vigil.database.db).create({
    agencyId,
    from: { kind: 'series', id: await aSeries(suite, agencyId) },
    to: { kind: 'place', id: await aPlace(suite, agencyId) },
    relation: 'located_at',
  });
  return link.id;
}

export const linkCases: MatrixCases = {
  'POST /api/v1/links': {
    own: async ({ suite, ownAgency }) => ({
      method: 'POST',
      url: '/api/v1/links',
      body: { from: `series:${await aSeries(suite, ownAgency)}`, to: `place:${await aPlace(suite, ownAgency)}` },
    }),
    other: async ({ suite, ownAgency, otherAgency }) => ({
      method: 'POST',
      url: '/api/v1/links',
      body: { from: `series:${await aSeries(suite, otherAgency)}`, to: `place:${await aPlace(suite, ownAgency)}` },
    }),
  },
  'DELETE /api/v1/links/:id': {
    own: async ({ suite, ownAgency }) => ({ method: 'DELETE', url: `/api/v1/links/${await aLink(suite, ownAgency)}` }),
    other: async ({ suite, otherAgency }) => ({
      method: 'DELETE',
      url: `/api/v1/links/${await aLink(suite, otherAgency)}`,
    }),
  },
  'GET /api/v1/links': {
    own: async ({ suite, ownAgency }) => ({
      method: 'GET',
      url: `/api/v1/links?record=series:${await aSeries(suite, ownAgency)}`,
    }),
    other: async ({ suite, otherAgency }) => ({
      method: 'GET',
      url: `/api/v1/links?record=series:${await aSeries(suite, otherAgency)}`,
    }),
  },
};
