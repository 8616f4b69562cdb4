/**
 * Matrix cases of upload-sessions.routes.ts. A session belongs to the user who opened it, so the
 * own case opens one as the caller (where the policy lets it upload; for a denied caller any id
 * does, the gate answers first); the other case is another agency's analyst's session (404).
 */
import { randomBytes } from 'node:crypto';
import { CaseRepository } from '../../../src/storage/case.repository.js';
import type { ServerSuite } from '../../support/http-harness.js';
import type { MatrixCases, MatrixContext, MatrixRequest } from './matrix-case.js';

let n = 0;
const CHUNK = Buffer.from('matrix chunk');

async function exhibitOf(suite: ServerSuite, agencyId: number): Promise<number> {
  const cases = new CaseRepository(suite.vigil.database.db);
  const c = await cases.createCase({ agencyId, reference: `matrix-session-${++n}`, title: 'Matrix' });
  return (await cases.createExhibit({ caseId: c.id, label: 'matrix exhibit' })).id;
}

/** A session of the caller's own, or a made-up id when the caller may not open one. */
async function ownSession(ctx: MatrixContext): Promise<string> {
  const actor = ctx.caller.actor;
  if (!actor) return randomBytes(16).toString('hex');
  const exhibit = await exhibitOf(ctx.suite, ctx.ownAgency);
  return ctx.suite.vigil.uploadSessions
    .open(actor, exhibit, 'matrix.bin', CHUNK.length)
    .then((s) => s.id)
    .catch(() => randomBytes(16).toString('hex'));
}

async function otherSession(ctx: MatrixContext): Promise<string> {
  const actor = ctx.otherAnalyst.actor;
  if (!actor) throw new Error('the other analyst has no actor');
  const exhibit = await exhibitOf(ctx.suite, ctx.otherAgency);
  return (await ctx.suite.vigil.uploadSessions.open(actor, exhibit, 'matrix.bin', CHUNK.length)).id;
}

const chunk = (id: string): MatrixRequest => ({
  method: 'PUT',
  url: `/api/v1/upload-sessions/${id}`,
  body: CHUNK,
  headers: {
    'content-type': 'application/octet-stream',
    'content-range': `bytes 0-${CHUNK.length - 1}/${CHUNK.length}`,
  },
});

export const uploadSessionCases: MatrixCases = {
  'POST /api/v1/exhibits/:id/upload-sessions': {
    own: async ({ suite, ownAgency }) => ({
      method: 'POST',
      url: `/api/v1/exhibits/${await exhibitOf(suite, ownAgency)}/upload-sessions`,
      body: { name: 'matrix.bin', size: 10 },
    }),
    other: async ({ suite, otherAgency }) => ({
      method: 'POST',
      url: `/api/v1/exhibits/${await exhibitOf(suite, otherAgency)}/upload-sessions`,
      body: { name: 'matrix.bin', size: 10 },
    }),
  },
  'GET /api/v1/upload-sessions/:id': {
    own: async (ctx) => ({ method: 'GET', url: `/api/v1/upload-sessions/${await ownSession(ctx)}` }),
    other: async (ctx) => ({ method: 'GET', url: `/api/v1/upload-sessions/${await otherSession(ctx)}` }),
  },
  'PUT /api/v1/upload-sessions/:id': {
    own: async (ctx) => chunk(await ownSession(ctx)),
    other: async (ctx) => chunk(await otherSession(ctx)),
  },
};
