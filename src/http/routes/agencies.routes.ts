/**
 * The agency directory and agency administration: list and read agencies, add one (admins of the
 * operating agency), set an agency's second-factor policy (its admins). AgencyAdminService holds the rules.
 */
import type { RouteModule } from '../http-app.js';
import {
  AgencyList,
  AgencyPolicy,
  AgencyView,
  CreatedAgency,
  IdParams,
  NewAgencyBody,
  PolicyBody,
} from './agencies.schema.js';
import { callerOf } from './caller.js';

const tags = ['agencies'];
const READ = { kind: 'agency', action: 'read' } as const;
const WRITE = { kind: 'agency', action: 'write' } as const;

export const agencyRoutes: RouteModule = (app, vigil) => {
  const agencies = vigil.agencyAdmin;

  app.get(
    '/api/v1/agencies',
    { config: { access: READ }, schema: { tags, summary: 'The agency directory', response: { 200: AgencyList } } },
    async (request) => ({ items: await agencies.list(callerOf(request)) }),
  );

  app.get(
    '/api/v1/agencies/:id',
    {
      config: { access: READ },
      schema: {
        tags,
        summary: 'One agency (with its policy when it is yours)',
        params: IdParams,
        response: { 200: AgencyView },
      },
    },
    async (request) => agencies.get(callerOf(request), request.params.id),
  );

  app.post(
    '/api/v1/agencies',
    {
      config: { access: WRITE },
      schema: {
        tags,
        summary: 'Add an agency and its first admin (operating agency admins only; password shown once)',
        body: NewAgencyBody,
        response: { 201: CreatedAgency },
      },
    },
    async (request, reply) => {
      const created = await agencies.create(callerOf(request), request.body);
      const { admin } = created;
      return reply.code(201).send({
        ...created,
        admin: {
          id: admin.id,
          agencyId: admin.agencyId,
          username: admin.username,
          displayName: admin.displayName,
          roles: admin.roles,
        },
      });
    },
  );

  app.put(
    '/api/v1/agencies/:id/policy',
    {
      config: { access: WRITE },
      schema: {
        tags,
        summary: "Set your agency's security policy (second factor required or not)",
        params: IdParams,
        body: PolicyBody,
        response: { 200: AgencyPolicy },
      },
    },
    async (request) => agencies.setPolicy(callerOf(request), request.params.id, request.body.requireTotp),
  );
};
