/** Matrix cases of agencies.routes.ts. The caller's own agency is made the hub's operating agency. */
import { OPERATOR_SETTING } from '../../../src/services/bootstrap.service.js';
import { SettingsRepository } from '../../../src/storage/settings.repository.js';
import type { MatrixCases } from './matrix-case.js';

let counter = 0;

export const agencyCases: MatrixCases = {
  'GET /api/v1/agencies': { own: async () => ({ method: 'GET', url: '/api/v1/agencies' }) },
  // The directory is readable across agencies, so there is no "other" refusal to check.
  'GET /api/v1/agencies/:id': {
    own: async ({ ownAgency }) => ({ method: 'GET', url: `/api/v1/agencies/${ownAgency}` }),
  },
  'POST /api/v1/agencies': {
    async own({ suite, ownAgency }) {
      await new SettingsRepository(suite.vigil.database.db).setIfAbsent(OPERATOR_SETTING, String(ownAgency));
      const n = ++counter;
      return {
        method: 'POST',
        url: '/api/v1/agencies',
        body: {
          countryCode: 'ZY',
          name: `Matrix added unit ${n}`,
          admin: { username: `matrix-admin-${n}`, displayName: 'Admin' },
        },
      };
    },
  },
  'PUT /api/v1/agencies/:id/policy': {
    // Never true here: the own agency's callers would all be held until they enrol a second factor.
    own: async ({ ownAgency }) => ({
      method: 'PUT',
      url: `/api/v1/agencies/${ownAgency}/policy`,
      body: { requireTotp: false },
    }),
    other: async ({ otherAgency }) => ({
      method: 'PUT',
      url: `/api/v1/agencies/${otherAgency}/policy`,
      body: { requireTotp: false },
    }),
    otherStatus: 403,
  },
};
