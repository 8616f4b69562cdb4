/**
 * Matrix cases of uploads.routes.ts and jobs.routes.ts. The upload case sends JSON: once past the
 * gate and the exhibit check an allowed caller gets 415 (send multipart), and another agency's
 * exhibit is not found before any body is read. Jobs are enqueued straight into the queue (no
 * runner works in the matrix test).
 */
import { CaseRepository } from '../../../src/storage/case.repository.js';
import type { ServerSuite } from '../../support/http-harness.js';
import type { MatrixCases } from './matrix-case.js';

let n = 0;

async function exhibitOf(suite: ServerSuite, agencyId: number): Promise<number> {
  const cases = new CaseRepository(suite.vigil.database.db);
  const c = await cases.createCase({ agencyId, reference: `matrix-upload-${++n}`, title: 'Matrix' });
  return (await cases.createExhibit({ caseId: c.id, label: 'matrix exhibit' })).id;
}

async function jobOf(suite: ServerSuite, agencyId: number): Promise<number> {
  return suite.vigil.jobs.enqueue('matrix-only', { exhibitId: 0 }, { agencyId });
}

async function batchOf(suite: ServerSuite, agencyId: number): Promise<string> {
  const batch = (++n).toString(16).padStart(16, '0');
  await suite.vigil.jobs.enqueue('matrix-only', { exhibitId: 0 }, { agencyId, batch });
  return batch;
}

export const uploadCases: MatrixCases = {
  'POST /api/v1/exhibits/:id/uploads': {
    own: async ({ suite, ownAgency }) => ({
      method: 'POST',
      url: `/api/v1/exhibits/${await exhibitOf(suite, ownAgency)}/uploads`,
      body: {},
    }),
    other: async ({ suite, otherAgency }) => ({
      method: 'POST',
      url: `/api/v1/exhibits/${await exhibitOf(suite, otherAgency)}/uploads`,
      body: {},
    }),
  },
  'GET /api/v1/uploads/:batch/jobs': {
    own: async ({ suite, ownAgency }) => ({
      method: 'GET',
      url: `/api/v1/uploads/${await batchOf(suite, ownAgency)}/jobs`,
    }),
    other: async ({ suite, otherAgency }) => ({
      method: 'GET',
      url: `/api/v1/uploads/${await batchOf(suite, otherAgency)}/jobs`,
    }),
  },
  'GET /api/v1/jobs/:id': {
    own: async ({ suite, ownAgency }) => ({ method: 'GET', url: `/api/v1/jobs/${await jobOf(suite, ownAgency)}` }),
    other: async ({ suite, otherAgency }) => ({
      method: 'GET',
      url: `/api/v1/jobs/${await jobOf(suite, otherAgency)}`,
    }),
  },
};
