/**
 * Media views: the media page (hashes, metadata, the caller's sightings and matches, visible
 * series), its thumbnail (blurred unless revealed) and its original content. The only way media
 * bytes leave the hub: each view is authorised and audited by MediaViewService, and nothing is
 * cached by browsers or proxies.
 */
import type { FastifyReply } from 'fastify';
import { AppError } from '../../domain/app-error.js';
import { parseRangeHeader } from '../../domain/byte-range.js';
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
        summary:
          'Download the original, or one byte range of it (agencies holding it; each read audited as a view of the content)',
        params: IdParams,
        response: {
          200: bytesOf('The original bytes, as seized.', ['application/octet-stream']),
          206: bytesOf('The one byte range asked for (Range: bytes=a-b, a- or -n).', ['application/octet-stream']),
        },
      },
    },
    async (request, reply) => {
      // One bytes range (a player seeking) gets 206 with just those bytes; anything else, all of it.
      const asked = parseRangeHeader(request.headers.range);
      let content: Awaited<ReturnType<typeof media.original>>;
      try {
        content = await media.original(callerOf(request), request.params.id, asked ?? undefined);
      } catch (err) {
        if (AppError.is(err, 'range-not-satisfiable')) reply.header('content-range', `bytes */${err.details?.size}`);
        throw err;
      }
      const { range, size } = content;
      noStore(reply)
        .type(content.mime)
        .header('accept-ranges', 'bytes')
        .header('content-disposition', `attachment; filename="${content.sha256}"`)
        .header('content-security-policy', "default-src 'none'; sandbox");
      // The schema says bytes (a string); a stream is how they are sent.
      const body = content.stream as never;
      if (!range) return reply.header('content-length', String(size)).send(body);
      return reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
        .header('content-length', String(range.end - range.start + 1))
        .send(body);
    },
  );
};
