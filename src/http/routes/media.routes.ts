/**
 * Media views: the media page (hashes, metadata, the caller's sightings and matches, visible
 * series), its thumbnail (blurred unless revealed) and its original content. The only way media
 * bytes leave the hub: each view is authorised and audited by MediaViewService, and nothing is
 * cached by browsers or proxies.
 */
import type { FastifyReply } from 'fastify';
import type { RouteModule } from '../http-app.js';
import { callerOf } from './caller.js';
import { bytesOf, MediaPageOut, ThumbnailQuery } from './media.schema.js';
import { IdParams } from './record-common.schema.js';

const tags = ['media'];
const READ = { kind: 'media', action: 'read' } as const;

function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
}

export const mediaRoutes: RouteModule = (app, vigil) => {
  const media = vigil.mediaViews;

  app.get(
    '/api/v1/media/:id',
    {
      config: { access: READ },
      schema: {
        tags,
        summary: 'One media: hashes, metadata, sightings, matches (audited)',
        params: IdParams,
        response: { 200: MediaPageOut },
      },
    },
    async (request, reply) => {
      const page = await media.view(callerOf(request), request.params.id);
      return noStore(reply).send(page);
    },
  );

  app.get(
    '/api/v1/media/:id/thumbnail',
    {
      config: { access: READ },
      schema: {
        tags,
        summary: 'Thumbnail, blurred unless reveal=true (audited; reveal as a view of the content)',
        params: IdParams,
        querystring: ThumbnailQuery,
        response: { 200: bytesOf('The thumbnail.', ['image/webp', 'image/jpeg']) },
      },
    },
    async (request, reply) => {
      const shown = await media.thumbnail(callerOf(request), request.params.id, request.query);
      return noStore(reply).type(shown.mime).send(shown.bytes);
    },
  );

  app.get(
    '/api/v1/media/:id/content',
    {
      config: { access: READ },
      schema: {
        tags,
        summary: 'Download the original (agencies holding it; audited as a view of the content)',
        params: IdParams,
        response: { 200: bytesOf('The original bytes, as seized.', ['application/octet-stream']) },
      },
    },
    async (request, reply) => {
      const content = await media.original(callerOf(request), request.params.id);
      return noStore(reply)
        .type(content.mime)
        .header('content-length', String(content.size))
        .header('content-disposition', `attachment; filename="${content.sha256}"`)
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(content.stream);
    },
  );
};
