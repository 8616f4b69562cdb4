/** Matrix cases of cases.routes.ts: each request on a fresh case (or exhibit) of the own or the other agency. */
import { CaseRepository } from '../../../src/storage/case.repository.js';
import type { MatrixCases, MatrixContext } from './matrix-case.js';

let counter = 0;

async function caseOf(ctx: MatrixContext, agencyId: number): Promise<number> {
  const n = ++counter;
  const cases = new CaseRepository(ctx.suite.vigil.database.db);
  return (await cases.createCase({ agencyId, reference: `M-${n}`, title: `Matrix case ${n}` })).id;
}

async function exhibitOf(ctx: MatrixContext, agencyId: number): Promise<number> {
  const cases = new CaseRepository(ctx.suite.vigil.database.db);
  return (await cases.createExhibit({ caseId: await caseOf(ctx, agencyId), label: 'laptop-1' })).id;
}

export const caseCases: MatrixCases = {
  'GET /api/v1/cases': { own: async () => ({ method: 'GET', url: '/api/v1/cases?limit=5' }) },
  'POST /api/v1/cases': {
    own: async () => ({ method: 'POST', url: '/api/v1/cases', body: { reference: `MX-${++counter}`, title: 'New' } }),
  },
  'GET /api/v1/cases/:id': {
    own: async (ctx) => ({ method: 'GET', url: `/api/v1/cases/${await caseOf(ctx, ctx.ownAgency)}` }),
    other: async (ctx) => ({ method: 'GET', url: `/api/v1/cases/${await caseOf(ctx, ctx.otherAgency)}` }),
  },
  'PATCH /api/v1/cases/:id': {
    own: async (ctx) => ({
      method: 'PATCH',
      url: `/api/v1/cases/${await caseOf(ctx, ctx.ownAgency)}`,
      body: { closed: true },
    }),
    other: async (ctx) => ({
      method: 'PATCH',
      url: `/api/v1/cases/${await caseOf(ctx, ctx.otherAgency)}`,
      body: { title: 'Taken over' },
    }),
  },
  'GET /api/v1/cases/:id/exhibits': {
    own: async (ctx) => ({ method: 'GET', url: `/api/v1/cases/${await caseOf(ctx, ctx.ownAgency)}/exhibits` }),
    other: async (ctx) => ({ method: 'GET', url: `/api/v1/cases/${await caseOf(ctx, ctx.otherAgency)}/exhibits` }),
  },
  'POST /api/v1/cases/:id/exhibits': {
    own: async (ctx) => ({
      method: 'POST',
      url: `/api/v1/cases/${await caseOf(ctx, ctx.ownAgency)}/exhibits`,
      body: { label: 'usb-1', kind: 'device' },
    }),
    other: async (ctx) => ({
      method: 'POST',
      url: `/api/v1/cases/${await caseOf(ctx, ctx.otherAgency)}/exhibits`,
      body: { label: 'usb-1' },
    }),
  },
  'GET /api/v1/exhibits/:id': {
    own: async (ctx) => ({ method: 'GET', url: `/api/v1/exhibits/${await exhibitOf(ctx, ctx.ownAgency)}` }),
    other: async (ctx) => ({ method: 'GET', url: `/api/v1/exhibits/${await exhibitOf(ctx, ctx.otherAgency)}` }),
  },
  'GET /api/v1/exhibits/:id/sightings': {
    own: async (ctx) => ({ method: 'GET', url: `/api/v1/exhibits/${await exhibitOf(ctx, ctx.ownAgency)}/sightings` }),
    other: async (ctx) => ({
      method: 'GET',
      url: `/api/v1/exhibits/${await exhibitOf(ctx, ctx.otherAgency)}/sightings`,
    }),
  },
  'GET /api/v1/exhibits/:id/camera-serials': {
    own: async (ctx) => ({
      method: 'GET',
      url: `/api/v1/exhibits/${await exhibitOf(ctx, ctx.ownAgency)}/camera-serials`,
    }),
    other: async (ctx) => ({
      method: 'GET',
      url: `/api/v1/exhibits/${await exhibitOf(ctx, ctx.otherAgency)}/camera-serials`,
    }),
  },
  'GET /api/v1/exhibits/:id/scan-results': {
    own: async (ctx) => ({
      method: 'GET',
      url: `/api/v1/exhibits/${await exhibitOf(ctx, ctx.ownAgency)}/scan-results`,
    }),
    other: async (ctx) => ({
      method: 'GET',
      url: `/api/v1/exhibits/${await exhibitOf(ctx, ctx.otherAgency)}/scan-results`,
    }),
  },
};
