/**
 * The partner API: industry API keys ask whether hashes are known. The answer is known / not
 * known and the categories, from hash sets their owners share `all` or `hash_only`, and nothing
 * else (no ids, sets, series or agencies). Rate-limited per key (the key's own requests a minute).
 */
import type { RouteModule } from '../http-app.js';
import { PartnerLookupBody, PartnerLookupResults } from './lookup.schema.js';
import { callerOf } from './lookup-caller.js';

export const partnerRoutes: RouteModule = (app, vigil) => {
  app.post(
    '/api/v1/partner/lookup',
    {
      config: { access: { kind: 'hash_set_entry', action: 'read', partner: true } },
      schema: {
        tags: ['partner'],
        summary: 'Is this hash known? (known / not known + category; partner keys)',
        description:
          'Up to 10,000 hashes: md5, sha1 and sha256 match exactly, pdq within distance 31. Only hash sets shared ' +
          'for partners (`all` or `hash_only`) are consulted. Matches are recorded in the audit log.',
        body: PartnerLookupBody,
        response: { 200: PartnerLookupResults },
      },
    },
    async (request) => ({ results: await vigil.lookups.partnerLookup(callerOf(request), request.body.hashes) }),
  );
};
