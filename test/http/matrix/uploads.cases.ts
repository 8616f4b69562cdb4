/**
 * Matrix cases of uploads.routes.ts and jobs.routes.ts. The upload case sends a generated picture
 * (accepted: 202, its ingest job queued); another agency's exhibit is not found. Jobs are enqueued
 * straight into the queue (no runner works in the matrix test).
 */
import { CaseRepository } from '../../../src/storage/case.repository.js';
import type { ServerSuite } from '../../support/http-harness.js';
import type { MatrixCases, MatrixRequest } from './matrix-case.js';
import { fileRequest, matrixPicture } from './matrix-files.js';

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

async function uploadTo(exhibitId: number): Promise<MatrixRequest> {
  return fileRequest(`/api/v1/exhibits/${exhibitId}/uploads`, await matrixPicture(), 'blobs.png', 'image/png');
}

export const uploadCases: MatrixCases = {
  'POST /api/v1/exhibits/:id/uploads': {
    own: async ({ suite, ownAgency }) => uploadTo(await exhibitOf(suite, ownAgency)),
    other: async ({ suite, otherAgency }) => uploadTo(await exhibitOf(suite, otherAgency)),
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
