/** Matrix cases of series.routes.ts: own series of the caller's agency, and another agency's restricted one. */
import { aSeries, heldMedia } from '../../support/hub-records.js';
import type { MatrixCases } from './matrix-case.js';

let n = 0;

export const seriesCases: MatrixCases = {
  'GET /api/v1/series': { own: async () => ({ method: 'GET', url: '/api/v1/series' }) },
  'POST /api/v1/series': {
    own: async () => ({ method: 'POST', url: '/api/v1/series', body: { reference: `MX-${++n}`, title: 'Matrix' } }),
  },
  'GET /api/v1/series/:id': {
    own: async ({ suite, ownAgency }) => ({ method: 'GET', url: `/api/v1/series/${await aSeries(suite, ownAgency)}` }),
    other: async ({ suite, otherAgency }) => ({
      method: 'GET',
      url: `/api/v1/series/${await aSeries(suite, otherAgency)}`,
    }),
  },
  'PATCH /api/v1/series/:id': {
    own: async ({ suite, ownAgency }) => ({
      method: 'PATCH',
      url: `/api/v1/series/${await aSeries(suite, ownAgency)}`,
      body: { status: 'closed' },
    }),
    other: async ({ suite, otherAgency }) => ({
      method: 'PATCH',
      url: `/api/v1/series/${await aSeries(suite, otherAgency)}`,
      body: { status: 'closed' },
    }),
  },
  'PUT /api/v1/series/:id/sharing': {
    own: async ({ suite, ownAgency }) => ({
      method: 'PUT',
      url: `/api/v1/series/${await aSeries(suite, ownAgency)}/sharing`,
      body: { level: 'hash_only', agencies: [] },
    }),
    other: async ({ suite, otherAgency }) => ({
      method: 'PUT',
      url: `/api/v1/series/${await aSeries(suite, otherAgency)}/sharing`,
      body: { level: 'all', agencies: [] },
    }),
  },
  'GET /api/v1/series/:id/media': {
    own: async ({ suite, ownAgency }) => ({
      method: 'GET',
      url: `/api/v1/series/${await aSeries(suite, ownAgency)}/media`,
    }),
    other: async ({ suite, otherAgency }) => ({
      method: 'GET',
      url: `/api/v1/series/${await aSeries(suite, otherAgency)}/media`,
    }),
  },
  'POST /api/v1/series/:id/media': {
    own: async ({ suite, ownAgency }) => ({
      method: 'POST',
      url: `/api/v1/series/${await aSeries(suite, ownAgency)}/media`,
      body: { mediaIds: [await heldMedia(suite, ownAgency)] },
    }),
    other: async ({ suite, ownAgency, otherAgency }) => ({
      method: 'POST',
      url: `/api/v1/series/${await aSeries(suite, otherAgency)}/media`,
      body: { mediaIds: [await heldMedia(suite, ownAgency)] },
    }),
  },
  'DELETE /api/v1/series/:id/media': {
    own: async ({ suite, ownAgency }) => {
      const media = await heldMedia(suite, ownAgency);
      return {
        method: 'DELETE',
        url: `/api/v1/series/${await aSeries(suite, ownAgency, { media: [media] })}/media`,
        body: { mediaIds: [media] },
      };
    },
    other: async ({ suite, otherAgency }) => {
      const media = await heldMedia(suite, otherAgency);
      return {
        method: 'DELETE',
        url: `/api/v1/series/${await aSeries(suite, otherAgency, { media: [media] })}/media`,
        body: { mediaIds: [media] },
      };
    },
  },
};
