/** Link routes: link two records, remove a link, list the links of a record. Thin: LinkService holds the rules. */
import { RECORD_KINDS } from '../../domain/link.record.js';
import { parseRecordRef } from '../../services/record-access.js';
import type { RouteModule } from '../http-app.js';
import { actorOf, paged } from './actor-of.js';
import { LinkBody, LinkListQuery, LinkOut, LinkPage } from './links.schema.js';
import { Done, IdParams } from './record-common.schema.js';

const tags = ['links'];

export const linkRoutes: RouteModule = (app, vigil) => {
  app.post(
    '/api/v1/links',
    {
      config: { access: { kind: 'link', action: 'write' } },
      schema: {
        tags,
        summary: 'Link two records (media-series, series-victim, series-place, …)',
        body: LinkBody,
        response: { 201: LinkOut },
      },
    },
    async (request, reply) => {
      const { from, to, relation } = request.body;
      const link = await vigil.links.create(
        actorOf(request.principal),
        parseRecordRef(from, RECORD_KINDS),
        parseRecordRef(to, RECORD_KINDS),
        relation,
      );
      return reply.code(201).send(link);
    },
  );

  app.delete(
    '/api/v1/links/:id',
    {
      config: { access: { kind: 'link', action: 'write' } },
      schema: { tags, summary: 'Remove a link of this agency', params: IdParams, response: { 200: Done } },
    },
    async (request) => {
      await vigil.links.remove(actorOf(request.principal), request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/links',
    {
      config: { access: { kind: 'link', action: 'read' } },
      schema: {
        tags,
        summary: 'This agency’s links of a record (record=kind:id)',
        querystring: LinkListQuery,
        response: { 200: LinkPage },
      },
    },
    async (request) => {
      const { record, kind, limit, offset } = request.query;
      const page = await vigil.links.list(actorOf(request.principal), parseRecordRef(record, RECORD_KINDS), {
        limit,
        offset,
        other: kind,
      });
      return paged(page, { limit, offset });
    },
  );
};
