/** Matrix cases of alerts.routes.ts: the inbox of the caller's agency, and another agency's alert. */
import { AlertRepository } from '../../../src/storage/alert.repository.js';
import type { ServerSuite } from '../../support/http-harness.js';
import { aSeries } from '../../support/hub-records.js';
import type { MatrixCases } from './matrix-case.js';

async function anAlert(suite: ServerSuite, agencyId: number): Promise<number> {
  const alert = await new AlertRepository(suite.vigil.database.db).create({
    agencyId,
    about: { kind: 'series', id: await aSeries(suite, agencyId) },
    reason: 'match_confirmed',
  });
  return alert.id;
}

export const alertCases: MatrixCases = {
  'GET /api/v1/alerts': { own: async () => ({ method: 'GET', url: '/api/v1/alerts' }) },
  'GET /api/v1/alerts/unread-count': { own: async () => ({ method: 'GET', url: '/api/v1/alerts/unread-count' }) },
  'POST /api/v1/alerts/:id/read': {
    own: async ({ suite, ownAgency }) => ({
      method: 'POST',
      url: `/api/v1/alerts/${await anAlert(suite, ownAgency)}/read`,
      body: {},
    }),
    other: async ({ suite, otherAgency }) => ({
      method: 'POST',
      url: `/api/v1/alerts/${await anAlert(suite, otherAgency)}/read`,
      body: {},
    }),
  },
};
