/** Matrix cases of network.routes.ts: the caller's graph (centred on their own case, or on another agency's restricted series: not a node) and map. */
import { aSeries, heldMedia } from '../../support/hub-records.js';
import type { MatrixCases } from './matrix-case.js';

export const networkCases: MatrixCases = {
  'GET /api/v1/network/graph': {
    own: async ({ suite, ownAgency }) => {
      const media = await heldMedia(suite, ownAgency);
      const series = await aSeries(suite, ownAgency, { media: [media] });
      return { method: 'GET', url: `/api/v1/network/graph?focus=series:${series}` };
    },
    // A restricted series of another agency holding the same kind of media: not in the caller's graph.
    other: async ({ suite, otherAgency }) => {
      const media = await heldMedia(suite, otherAgency);
      const series = await aSeries(suite, otherAgency, { sharing: 'restricted', media: [media] });
      return { method: 'GET', url: `/api/v1/network/graph?focus=series:${series}` };
    },
  },
  'GET /api/v1/network/map': { own: async () => ({ method: 'GET', url: '/api/v1/network/map' }) },
};
