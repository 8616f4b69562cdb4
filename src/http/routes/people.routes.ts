/**
 * Victim and offender routes: the same five routes for each kind, each with its own access rule
 * (personal data: analysts and admins of the owner agency). Every read is audited by the service.
 */
import type { PersonKind } from '../../domain/person.record.js';
import type { RouteModule } from '../http-app.js';
import { actorOf, paged } from './actor-of.js';
import { PersonBody, PersonListQuery, PersonOut, PersonPage, PersonPatchBody } from './people.schema.js';
import { IdParams } from './record-common.schema.js';

const PLURAL: Record<PersonKind, string> = { victim: 'victims', offender: 'offenders' };

export const peopleRoutes: RouteModule = (app, vigil) => {
  for (const kind of ['victim', 'offender'] as const) {
    const base = `/api/v1/${PLURAL[kind]}`;
    const tags = [PLURAL[kind]];
    const read = { access: { kind, action: 'read' } } as const;
    const write = { access: { kind, action: 'write' } } as const;

    app.get(
      base,
      {
        config: read,
        schema: {
          tags,
          summary: `This agency’s ${PLURAL[kind]} (each read is audited)`,
          querystring: PersonListQuery,
          response: { 200: PersonPage },
        },
      },
      async (request) => {
        const { identified, limit, offset } = request.query;
        const page = await vigil.people.list(actorOf(request.principal), kind, { identified, limit, offset });
        return paged(page, { limit, offset });
      },
    );

    app.post(
      base,
      {
        config: write,
        schema: { tags, summary: `Record a ${kind}`, body: PersonBody, response: { 201: PersonOut } },
      },
      async (request, reply) =>
        reply.code(201).send(await vigil.people.create(actorOf(request.principal), kind, request.body)),
    );

    app.get(
      `${base}/:id`,
      {
        config: read,
        schema: { tags, summary: `One ${kind} (the read is audited)`, params: IdParams, response: { 200: PersonOut } },
      },
      async (request) => vigil.people.get(actorOf(request.principal), kind, request.params.id),
    );

    app.patch(
      `${base}/:id`,
      {
        config: write,
        schema: {
          tags,
          summary: `Change a ${kind}’s reference or record it as identified (by which agency, when)`,
          params: IdParams,
          body: PersonPatchBody,
          response: { 200: PersonOut },
        },
      },
      async (request) => vigil.people.update(actorOf(request.principal), kind, request.params.id, request.body),
    );
  }
};
