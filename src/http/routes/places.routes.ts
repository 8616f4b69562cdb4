/**
 * Place and clue routes. Places belong to the agency that recorded them; clues are details noted
 * on a media the agency may see. Every read is audited by PlaceService.
 */
import type { RouteModule } from '../http-app.js';
import { actorOf, paged } from './actor-of.js';
import { ClueBody, ClueList, ClueOut, PlaceBody, PlaceListQuery, PlaceOut, PlacePage } from './places.schema.js';
import { IdParams } from './record-common.schema.js';

const placeRead = { access: { kind: 'place', action: 'read' } } as const;
const placeWrite = { access: { kind: 'place', action: 'write' } } as const;
const clueRead = { access: { kind: 'clue', action: 'read' } } as const;
const clueWrite = { access: { kind: 'clue', action: 'write' } } as const;

export const placeRoutes: RouteModule = (app, vigil) => {
  app.get(
    '/api/v1/places',
    {
      config: placeRead,
      schema: {
        tags: ['places'],
        summary: 'This agency’s places (each read is audited)',
        querystring: PlaceListQuery,
        response: { 200: PlacePage },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      return paged(await vigil.places.listPlaces(actorOf(request.principal), { limit, offset }), { limit, offset });
    },
  );

  app.post(
    '/api/v1/places',
    {
      config: placeWrite,
      schema: { tags: ['places'], summary: 'Record a place', body: PlaceBody, response: { 201: PlaceOut } },
    },
    async (request, reply) =>
      reply.code(201).send(await vigil.places.createPlace(actorOf(request.principal), request.body)),
  );

  app.get(
    '/api/v1/places/:id',
    {
      config: placeRead,
      schema: {
        tags: ['places'],
        summary: 'One place (the read is audited)',
        params: IdParams,
        response: { 200: PlaceOut },
      },
    },
    async (request) => vigil.places.getPlace(actorOf(request.principal), request.params.id),
  );

  app.get(
    '/api/v1/media/:id/clues',
    {
      config: clueRead,
      schema: {
        tags: ['clues'],
        summary: 'This agency’s clues on a media it may see (each read is audited)',
        params: IdParams,
        response: { 200: ClueList },
      },
    },
    async (request) => ({ items: await vigil.places.listClues(actorOf(request.principal), request.params.id) }),
  );

  app.post(
    '/api/v1/media/:id/clues',
    {
      config: clueWrite,
      schema: {
        tags: ['clues'],
        summary: 'Note a clue on a media: a detail, optionally with a crop rectangle',
        params: IdParams,
        body: ClueBody,
        response: { 201: ClueOut },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await vigil.places.createClue(actorOf(request.principal), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/clues/:id',
    {
      config: clueRead,
      schema: {
        tags: ['clues'],
        summary: 'One clue (the read is audited)',
        params: IdParams,
        response: { 200: ClueOut },
      },
    },
    async (request) => vigil.places.getClue(actorOf(request.principal), request.params.id),
  );
};
