/** Matrix cases of places.routes.ts: places and clues of the caller's agency, and another agency's. */
import { aClue, aPlace, heldMedia } from '../../support/hub-records.js';
import type { MatrixCases } from './matrix-case.js';

export const placeCases: MatrixCases = {
  'GET /api/v1/places': { own: async () => ({ method: 'GET', url: '/api/v1/places' }) },
  'POST /api/v1/places': {
    own: async () => ({ method: 'POST', url: '/api/v1/places', body: { name: 'Matrix place', countryCode: 'XI' } }),
  },
  'GET /api/v1/places/:id': {
    own: async ({ suite, ownAgency }) => ({ method: 'GET', url: `/api/v1/places/${await aPlace(suite, ownAgency)}` }),
    other: async ({ suite, otherAgency }) => ({
      method: 'GET',
      url: `/api/v1/places/${await aPlace(suite, otherAgency)}`,
    }),
  },
  'GET /api/v1/media/:id/clues': {
    own: async ({ suite, ownAgency }) => ({
      method: 'GET',
      url: `/api/v1/media/${await heldMedia(suite, ownAgency)}/clues`,
    }),
    // Media held only by another agency, in no series: not visible.
    other: async ({ suite, otherAgency }) => ({
      method: 'GET',
      url: `/api/v1/media/${await heldMedia(suite, otherAgency)}/clues`,
    }),
  },
  'POST /api/v1/media/:id/clues': {
    own: async ({ suite, ownAgency }) => ({
      method: 'POST',
      url: `/api/v1/media/${await heldMedia(suite, ownAgency)}/clues`,
      body: { kind: 'text', description: 'A sign in the background', crop: { x: 1, y: 2, w: 30, h: 40 } },
    }),
    other: async ({ suite, otherAgency }) => ({
      method: 'POST',
      url: `/api/v1/media/${await heldMedia(suite, otherAgency)}/clues`,
      body: { kind: 'text', description: 'A sign in the background' },
    }),
  },
  'GET /api/v1/clues/:id': {
    own: async ({ suite, ownAgency }) => ({
      method: 'GET',
      url: `/api/v1/clues/${await aClue(suite, ownAgency, await heldMedia(suite, ownAgency))}`,
    }),
    other: async ({ suite, otherAgency }) => ({
      method: 'GET',
      url: `/api/v1/clues/${await aClue(suite, otherAgency, await heldMedia(suite, otherAgency))}`,
    }),
  },
};
