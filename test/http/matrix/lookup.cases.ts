/**
 * Matrix cases of lookup.routes.ts and partner.routes.ts: lookups are about hashes, not one
 * record, so there is no other-agency request (what a match reveals is tested in lookup.test.ts).
 * The image route gets a generated picture, hashed and not kept.
 */
import { randomBytes } from 'node:crypto';
import type { MatrixCases } from './matrix-case.js';
import { fileRequest, matrixPicture } from './matrix-files.js';

const md5 = () => randomBytes(16).toString('hex');

export const lookupCases: MatrixCases = {
  'POST /api/v1/lookup': {
    own: async () => ({ method: 'POST', url: '/api/v1/lookup', body: { signals: [{ type: 'md5', value: md5() }] } }),
  },
  'POST /api/v1/lookup/bulk': {
    own: async () => ({
      method: 'POST',
      url: '/api/v1/lookup/bulk',
      body: { signals: [{ type: 'pdq', value: randomBytes(32).toString('hex') }] },
    }),
  },
  'POST /api/v1/lookup/image': {
    own: async () => fileRequest('/api/v1/lookup/image', await matrixPicture(), 'blobs.png', 'image/png'),
  },
  'POST /api/v1/partner/lookup': {
    own: async () => ({
      method: 'POST',
      url: '/api/v1/partner/lookup',
      body: { hashes: [{ type: 'md5', value: md5() }] },
    }),
  },
};
