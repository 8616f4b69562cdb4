/** Matrix case of stats.routes.ts (counts of the caller's own agency and totals: no record to refuse). */
import type { MatrixCases } from './matrix-case.js';

export const statsCases: MatrixCases = {
  'GET /api/v1/stats': { own: async () => ({ method: 'GET', url: '/api/v1/stats' }) },
};
