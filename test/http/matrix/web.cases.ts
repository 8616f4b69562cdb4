/** Matrix case of web.routes.ts: the app shell is public and holds no data. */
import type { MatrixCases } from './matrix-case.js';

export const webCases: MatrixCases = {
  'GET /*': { own: async () => ({ method: 'GET', url: '/cases/12' }) },
};
