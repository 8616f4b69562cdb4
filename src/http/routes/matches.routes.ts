/** Match routes: the agency's review queue and its verdicts. Thin: VerdictService holds the rules. */
import type { RouteModule } from '../http-app.js';
import { actorOf, paged } from './actor-of.js';
import { MatchListQuery, MatchOut, MatchPage, VerdictBody } from './matches.schema.js';
import { IdParams } from './record-common.schema.js';

const tags = ['matches'];

export const matchRoutes: RouteModule = (app, vigil) => {
  app.get(
    '/api/v1/matches',
    {
      config: { access: { kind: 'match', action: 'read' } },
      schema: {
        tags,
        summary: 'This agency’s matches, optionally by verdict (pending is the review queue) and by series',
        querystring: MatchListQuery,
        response: { 200: MatchPage },
      },
    },
    async (request) => {
      const { verdict, series, limit, offset } = request.query;
      const filter = { verdict, seriesId: series, limit, offset };
      return paged(await vigil.verdicts.list(actorOf(request.principal), filter), {
        limit,
        offset,
      });
    },
  );

  app.get(
    '/api/v1/matches/:id',
    {
      config: { access: { kind: 'match', action: 'read' } },
      schema: { tags, summary: 'One match of this agency', params: IdParams, response: { 200: MatchOut } },
    },
    async (request) => vigil.verdicts.get(actorOf(request.principal), request.params.id),
  );

  app.post(
    '/api/v1/matches/:id/verdict',
    {
      config: { access: { kind: 'match', action: 'write' } },
      schema: {
        tags,
        summary: 'Confirm or reject a match, with the reason',
        params: IdParams,
        body: VerdictBody,
        response: { 200: MatchOut },
      },
    },
    async (request) => vigil.verdicts.decide(actorOf(request.principal), request.params.id, request.body),
  );
};
