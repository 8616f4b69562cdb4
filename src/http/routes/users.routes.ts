/**
 * User administration within the caller's agency: list, add (one-time password shown once),
 * change name, roles or disabled, reset a password or a lost second factor. UserAdminService
 * holds the rules; another agency's user is not found.
 */
import type { RouteModule } from '../http-app.js';
import { IdParams } from './agencies.schema.js';
import { callerOf } from './caller.js';
import { NewUserBody, PasswordReset, UserCreated, UserList, UserPatchBody, UserView } from './users.schema.js';

const tags = ['users'];
const READ = { kind: 'user', action: 'read' } as const;
const WRITE = { kind: 'user', action: 'write' } as const;

export const userRoutes: RouteModule = (app, vigil) => {
  const users = vigil.userAdmin;

  app.get(
    '/api/v1/users',
    { config: { access: READ }, schema: { tags, summary: "Your agency's users", response: { 200: UserList } } },
    async (request) => ({ items: await users.list(callerOf(request)) }),
  );

  app.post(
    '/api/v1/users',
    {
      config: { access: WRITE },
      schema: {
        tags,
        summary: 'Add a user to your agency (one-time password shown once)',
        body: NewUserBody,
        response: { 201: UserCreated },
      },
    },
    async (request, reply) => reply.code(201).send(await users.create(callerOf(request), request.body)),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { access: WRITE },
      schema: {
        tags,
        summary: 'Change a user: display name, roles, disabled (ends their sessions and tokens)',
        params: IdParams,
        body: UserPatchBody,
        response: { 200: UserView },
      },
    },
    async (request) => users.update(callerOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/users/:id/password-reset',
    {
      config: { access: WRITE },
      schema: {
        tags,
        summary: "Reset a user's password to a one-time password (shown once; ends their sessions)",
        params: IdParams,
        response: { 200: PasswordReset },
      },
    },
    async (request) => users.resetPassword(callerOf(request), request.params.id),
  );

  app.delete(
    '/api/v1/users/:id/totp',
    {
      config: { access: WRITE },
      schema: {
        tags,
        summary: "Remove a user's lost second factor (they enrol again; ends their sessions)",
        params: IdParams,
        response: { 200: UserView },
      },
    },
    async (request) => users.resetSecondFactor(callerOf(request), request.params.id),
  );
};
