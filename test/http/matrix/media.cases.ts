/** Matrix cases of media.routes.ts: a fresh stored media sighted by the own agency, or by the other one only. */
import { storeMedia } from '../../support/media-fixture.js';
import type { MatrixCases, MatrixContext } from './matrix-case.js';

const mediaOf = async (ctx: MatrixContext, agency: number) => (await storeMedia(ctx.suite, agency)).mediaId;

function mediaCase(suffix: string): MatrixCases[string] {
  return {
    own: async (ctx) => ({ method: 'GET', url: `/api/v1/media/${await mediaOf(ctx, ctx.ownAgency)}${suffix}` }),
    other: async (ctx) => ({ method: 'GET', url: `/api/v1/media/${await mediaOf(ctx, ctx.otherAgency)}${suffix}` }),
  };
}

export const mediaCases: MatrixCases = {
  'GET /api/v1/media/:id': mediaCase(''),
  'GET /api/v1/media/:id/thumbnail': mediaCase('/thumbnail?reveal=true'),
  'GET /api/v1/media/:id/content': mediaCase('/content'),
  'PUT /api/v1/media/:id/category': {
    own: async (ctx) => ({
      method: 'PUT',
      url: `/api/v1/media/${await mediaOf(ctx, ctx.ownAgency)}/category`,
      body: { category: { scheme: 'projectvic_us', code: '0' } },
    }),
    other: async (ctx) => ({
      method: 'PUT',
      url: `/api/v1/media/${await mediaOf(ctx, ctx.otherAgency)}/category`,
      body: { category: { scheme: 'projectvic_us', code: '0' } },
    }),
  },
  'GET /api/v1/category-schemes': { own: async () => ({ method: 'GET', url: '/api/v1/category-schemes' }) },
};
