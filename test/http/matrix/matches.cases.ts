/** Matrix cases of matches.routes.ts: matches of the caller's agency, and another agency's. */

import type { ServerSuite } from '../../support/http-harness.js';
import { aMatch, heldMedia } from '../../support/hub-records.js';
import type { MatrixCases } from './matrix-case.js';

async function matchOf(suite: ServerSuite, agencyId: number): Promise<number> {
  return aMatch(suite, agencyId, await heldMedia(suite, agencyId), await heldMedia(suite, agencyId));
}

export const matchCases: MatrixCases = {
  'GET /api/v1/matches': { own: async () => ({ method: 'GET', url: '/api/v1/matches?verdict=pending' }) },
  'GET /api/v1/matches/:id': {
    own: async ({ suite, ownAgency }) => ({ method: 'GET', url: `/api/v1/matches/${await matchOf(suite, ownAgency)}` }),
    other: async ({ suite, otherAgency }) => ({
      method: 'GET',
      url: `/api/v1/matches/${await matchOf(suite, otherAgency)}`,
    }),
  },
  'POST /api/v1/matches/:id/verdict': {
    own: async ({ suite, ownAgency }) => ({
      method: 'POST',
      url: `/api/v1/matches/${await matchOf(suite, ownAgency)}/verdict`,
      body: { verdict: 'confirmed', reason: 'Same scene and person' },
    }),
    other: async ({ suite, otherAgency }) => ({
      method: 'POST',
      url: `/api/v1/matches/${await matchOf(suite, otherAgency)}/verdict`,
      body: { verdict: 'rejected', reason: 'Different scene' },
    }),
  },
};
