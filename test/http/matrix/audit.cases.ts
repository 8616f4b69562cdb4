/** Matrix cases of audit.routes.ts (the log is scoped per agency inside the query, not per record). */
import type { MatrixCases } from './matrix-case.js';

export const auditCases: MatrixCases = {
  'GET /api/v1/audit': { own: async () => ({ method: 'GET', url: '/api/v1/audit?limit=5' }) },
  'GET /api/v1/audit/verify': { own: async () => ({ method: 'GET', url: '/api/v1/audit/verify' }) },
};
