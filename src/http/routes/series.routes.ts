/**
 * Series routes: list what the agency may see, create, read, change, share, and add or remove
 * media. Thin: SeriesService holds the rules (who sees and changes what).
 */
import type { RouteModule } from '../http-app.js';
import { actorOf, paged } from './actor-of.js';
import { IdParams } from './record-common.schema.js';
import {
  MemberPageOut,
  MemberPageQuery,
  MembershipBody,
  MembershipOut,
  SeriesBody,
  SeriesDetailOut,
  SeriesListQuery,
  SeriesPage,
  SeriesPatchBody,
  SharingBody,
} from './series.schema.js';

const tags = ['series'];
const READ = { access: { kind: 'series', action: 'read' } } as const;
const WRITE = { access: { kind: 'series', action: 'write' } } as const;

export const seriesRoutes: RouteModule = (app, vigil) => {
  app.get(
    '/api/v1/series',
    {
      config: READ,
      schema: {
        tags,
        summary: 'Series this agency may see: its own, those shared with all, those shared with it by name',
        querystring: SeriesListQuery,
        response: { 200: SeriesPage },
      },
    },
    async (request) => {
      const { whose, status, limit, offset } = request.query;
      const page = await vigil.series.list(actorOf(request.principal), { whose, status, limit, offset });
      return paged(page, { limit, offset });
    },
  );

  app.post(
    '/api/v1/series',
    {
      config: WRITE,
      schema: {
        tags,
        summary: 'Record a series (restricted to this agency unless shared)',
        body: SeriesBody,
        response: { 201: SeriesDetailOut },
      },
    },
    async (request, reply) => reply.code(201).send(await vigil.series.create(actorOf(request.principal), request.body)),
  );

  app.get(
    '/api/v1/series/:id',
    {
      config: READ,
      schema: { tags, summary: 'One series', params: IdParams, response: { 200: SeriesDetailOut } },
    },
    async (request) => vigil.series.get(actorOf(request.principal), request.params.id),
  );

  app.patch(
    '/api/v1/series/:id',
    {
      config: WRITE,
      schema: {
        tags,
        summary: 'Change the title, status or category of a series of this agency',
        params: IdParams,
        body: SeriesPatchBody,
        response: { 200: SeriesDetailOut },
      },
    },
    async (request) => vigil.series.update(actorOf(request.principal), request.params.id, request.body),
  );

  app.put(
    '/api/v1/series/:id/sharing',
    {
      config: WRITE,
      schema: {
        tags,
        summary: 'Set the sharing level and the agencies named to see a series',
        params: IdParams,
        body: SharingBody,
        response: { 200: SeriesDetailOut },
      },
    },
    async (request) => {
      const { level, agencies } = request.body;
      return vigil.series.share(actorOf(request.principal), request.params.id, level, agencies);
    },
  );

  app.get(
    '/api/v1/series/:id/media',
    {
      config: READ,
      schema: {
        tags,
        summary: "A page of the series' media, by id (audited)",
        params: IdParams,
        querystring: MemberPageQuery,
        response: { 200: MemberPageOut },
      },
    },
    async (request) =>
      vigil.series.members(
        actorOf(request.principal),
        request.params.id,
        request.query.after ?? 0,
        request.query.limit ?? 200,
      ),
  );

  app.post(
    '/api/v1/series/:id/media',
    {
      config: WRITE,
      schema: {
        tags,
        summary: 'Add media to a series (only media this agency may see)',
        params: IdParams,
        body: MembershipBody,
        response: { 200: MembershipOut },
      },
    },
    async (request) => vigil.series.addMedia(actorOf(request.principal), request.params.id, request.body.mediaIds),
  );

  app.delete(
    '/api/v1/series/:id/media',
    {
      config: WRITE,
      schema: {
        tags,
        summary: 'Remove media from a series',
        params: IdParams,
        body: MembershipBody,
        response: { 200: MembershipOut },
      },
    },
    async (request) => vigil.series.removeMedia(actorOf(request.principal), request.params.id, request.body.mediaIds),
  );
};
